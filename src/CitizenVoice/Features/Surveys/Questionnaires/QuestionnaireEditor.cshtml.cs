using CitizenVoice.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Edits a draft questionnaire version: elements, questions, their scales, which question is the overall one and the
/// profile questions. Rows are added and removed with submit buttons, so the editor needs no JavaScript. A published
/// version is shown read-only and any change to it is refused here, whatever the browser sends.
/// </summary>
[Authorize(Policy = SurveyPolicies.Questionnaires)]
public sealed class QuestionnaireEditorModel(AppDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? TitleEn { get; set; }

    [BindProperty]
    public List<ElementRow> Elements { get; set; } = [];

    [BindProperty]
    public List<QuestionRow> Questions { get; set; } = [];

    public Questionnaire Questionnaire { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name)> Scales { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool saved = false)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Saved = saved;
        Title = Questionnaire.Title;
        TitleEn = Questionnaire.TitleEn;
        var elements = Questionnaire.Elements.OrderBy(e => e.Order).ToList();
        Elements = [.. elements.Select(e => new ElementRow { Code = e.Code, Name = e.Name, NameEn = e.NameEn })];
        Questions = [.. Questionnaire.Questions.OrderBy(q => q.Order).Select(q => new QuestionRow
        {
            Kind = q.Kind, Code = q.Code, Text = q.Text, TextEn = q.TextEn, ScaleCode = q.ScaleCode,
            ElementCode = elements.Find(e => e.Id == q.ElementId)?.Code,
        })];
        return Page();
    }

    /// <param name="command">Which submit button: add or remove a row (<c>xoa-yeu-to:2</c>), save, or publish.</param>
    public async Task<IActionResult> OnPostAsync(string? command)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (Questionnaire.IsPublished)
        {
            // Responses point at this version: changing it would change what they meant.
            Response.StatusCode = StatusCodes.Status409Conflict;
            ModelState.Clear();
            ModelState.AddModelError("", l["Phiên bản này đã phát hành nên không sửa được. Hãy tạo bản nháp mới từ phiên bản này."]);
            return await OnGetAsync();
        }

        ModelState.Clear();
        switch (command ?? "")
        {
            case "them-yeu-to" when Elements.Count < QuestionnaireRules.MaxRows:
                Elements.Add(new ElementRow());
                return Page();
            case "them-cau-hoi" when Questions.Count < QuestionnaireRules.MaxRows:
                Questions.Add(new QuestionRow { Kind = QuestionKind.Element, ElementCode = Elements.LastOrDefault()?.Code, ScaleCode = Surveys.Scales.Satisfaction5 });
                return Page();
            case var c when c.StartsWith("xoa-yeu-to:", StringComparison.Ordinal) && int.TryParse(c["xoa-yeu-to:".Length..], out var i) && i >= 0 && i < Elements.Count:
                Elements.RemoveAt(i);
                return Page();
            case var c when c.StartsWith("xoa-cau-hoi:", StringComparison.Ordinal) && int.TryParse(c["xoa-cau-hoi:".Length..], out var i) && i >= 0 && i < Questions.Count:
                Questions.RemoveAt(i);
                return Page();
            case "luu" or "phat-hanh":
                break;
            default:
                return Page();
        }

        var scales = await db.Scales.AsNoTracking().Select(s => new { s.Code, Values = s.Options.Count }).ToDictionaryAsync(s => s.Code, s => s.Values);
        var errors = QuestionnaireRules.Check(Title, Elements, Questions, scales, l);
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            foreach (var error in errors)
            {
                ModelState.AddModelError("", error);
            }

            return Page();
        }

        Questionnaire.Redraft(Title!.Trim(), Blank(TitleEn),
            Elements.Select(e => new ElementDraft(e.Code!.Trim(), e.Name!.Trim(), Blank(e.NameEn))),
            Questions.Select(q => new QuestionDraft(q.Kind, q.Kind == QuestionKind.Element ? q.ElementCode!.Trim() : null, q.Code!.Trim(), q.Text!.Trim(),
                Blank(q.TextEn), q.Kind == QuestionKind.FreeText ? null : q.ScaleCode)));
        if (command == "phat-hanh")
        {
            Questionnaire.Publish(clock.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return command == "phat-hanh" ? Redirect("/quan-tri/khao-sat/bang-hoi?published=" + Questionnaire.Id) : Redirect($"/quan-tri/khao-sat/bang-hoi/{Questionnaire.Id}?saved=true");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private async Task<bool> LoadAsync()
    {
        var questionnaire = await db.Questionnaires.AsSplitQuery().Include(q => q.Elements).Include(q => q.Questions)
            .SingleOrDefaultAsync(q => q.Id == Id, HttpContext.RequestAborted);
        if (questionnaire is null)
        {
            return false;
        }

        Questionnaire = questionnaire;
        Scales = [.. (await db.Scales.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Code, s.Name }).ToListAsync(HttpContext.RequestAborted))
            .Select(s => (s.Code, s.Name))];
        return true;
    }
}
