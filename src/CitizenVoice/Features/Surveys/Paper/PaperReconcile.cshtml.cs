using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// One mismatched paper form: both typings side by side, the differences marked, and for each difference a choice of
/// which typing is right. Only a third team member may confirm (see <see cref="PaperDoubleEntry"/>).
/// </summary>
[Authorize(Policy = SurveyPolicies.SurveyTeam)]
public sealed class PaperReconcileModel(
    PaperDoubleEntry doubleEntry, QuestionnaireCatalog catalog, SurveyIndependence independence, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Line(string Key, string Label, string First, string Second, bool Differs);

    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty(Name = "Choices")]
    public Dictionary<string, int>? Choices { get; set; }

    public string Serial { get; private set; } = "";
    public string UnitCode { get; private set; } = "";
    public string FieldCode { get; private set; } = "";
    public bool IsTypist { get; private set; }
    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is { } result ? result : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } result)
        {
            return result;
        }

        var outcome = await doubleEntry.ReconcileAsync(Id, Choices ?? [], User, HttpContext.RequestAborted);
        switch (outcome.Result)
        {
            case PaperEntryResult.Matched:
                TempData["Message"] = l["Phiếu số {0} đã được đối chiếu và ghi nhận.", Serial].Value;
                return Redirect("/quan-tri/khao-sat/doi-chieu");
            case PaperEntryResult.NotIndependent:
                return Forbid();
            case PaperEntryResult.NotFound or PaperEntryResult.AlreadyRecorded:
                TempData["Message"] = l["Phiếu số {0} đã được người khác đối chiếu.", Serial].Value;
                return Redirect("/quan-tri/khao-sat/doi-chieu");
            case PaperEntryResult.ThirdPersonRequired:
                ModelState.AddModelError("", l["Người đã nhập phiếu không tự đối chiếu phiếu đó; một thành viên khác của Tổ khảo sát sẽ đối chiếu."]);
                return Page();
            default:
                ModelState.AddErrors(outcome.Errors);
                return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await doubleEntry.PairAsync(Id, HttpContext.RequestAborted) is not var (first, second, unitCode, fieldCode))
        {
            return NotFound();
        }

        if (!await independence.MayHandleAsync(User, first.UnitId, HttpContext.RequestAborted))
        {
            return Forbid();
        }

        var questionnaire = await catalog.LoadAsync(first.QuestionnaireId, HttpContext.RequestAborted);
        if (questionnaire is null)
        {
            return NotFound();
        }

        (Serial, UnitCode, FieldCode) = (first.Serial, unitCode, fieldCode);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        IsTypist = first.EnteredById == userId || second.EnteredById == userId;
        var a = PaperContent.FromJson(first.Content);
        var b = PaperContent.FromJson(second.Content);
        var differs = PaperDifferences.Between(a, b).ToHashSet(StringComparer.Ordinal);
        var culture = CultureInfo.CurrentUICulture;
        var none = l["(để trống)"].Value;
        var lines = new List<Line>
        {
            new(PaperDifferences.Date, l["Ngày trên phiếu"], a.ContactDate?.ToString("d", culture) ?? none, b.ContactDate?.ToString("d", culture) ?? none,
                differs.Contains(PaperDifferences.Date)),
        };
        foreach (var question in questionnaire.AllQuestions)
        {
            if (question.Scale is { } scale)
            {
                string Show(PaperContent c) => c.Values.TryGetValue(question.Id, out var v)
                    ? $"{v} – {scale.Values.FirstOrDefault(s => s.Value == v)?.LabelFor(culture)}" : none;
                var key = PaperDifferences.ValueKey(question.Id);
                lines.Add(new(key, $"{question.Code}. {question.TextFor(culture)}", Show(a), Show(b), differs.Contains(key)));
            }
            else
            {
                var key = PaperDifferences.TextKey(question.Id);
                lines.Add(new(key, question.TextFor(culture), a.Texts.GetValueOrDefault(question.Id) ?? none, b.Texts.GetValueOrDefault(question.Id) ?? none, differs.Contains(key)));
            }
        }

        lines.Add(new(PaperDifferences.Comment, l["Góp ý của người dân"], a.Comment ?? none, b.Comment ?? none, differs.Contains(PaperDifferences.Comment)));
        Lines = lines;
        return null;
    }
}
