using CitizenVoice.Infrastructure;
using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The paper-form entry screen, built for a stack of forms: the unit, field and date stay as they were after each
/// form, the serial comes first, and (with the small script) a digit answers a question and moves to the next.
/// </summary>
[Authorize(Policy = SurveyPolicies.SurveyTeam)]
public sealed class PaperEntryPageModel(
    AppDb db, QuestionnaireCatalog catalog, PaperDoubleEntry doubleEntry, SurveyIndependence independence, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const string Path = "/quan-tri/khao-sat/phieu-giay";

    [BindProperty(SupportsGet = true)]
    [Required(ErrorMessage = "Vui lòng chọn {0}.")]
    [Display(Name = "Đơn vị được khảo sát")]
    public string? UnitCode { get; set; }

    [BindProperty(SupportsGet = true)]
    [Required(ErrorMessage = "Vui lòng chọn {0}.")]
    [Display(Name = "Lĩnh vực")]
    public string? FieldCode { get; set; }

    [BindProperty(SupportsGet = true)]
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [Display(Name = "Ngày trên phiếu")]
    public DateOnly? ContactDate { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [StringLength(PaperDoubleEntry.MaxSerial, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [RegularExpression(@"^[A-Za-z0-9./\- ]+$", ErrorMessage = "Số phiếu chỉ gồm chữ cái không dấu, chữ số và các dấu . / -")]
    [Display(Name = "Số phiếu")]
    public string? Serial { get; set; }

    [BindProperty]
    [StringLength(SurveyRules.MaxComment, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Góp ý của người dân")]
    public string? Comment { get; set; }

    [BindProperty(Name = "Answers")]
    public Dictionary<int, int>? Answers { get; set; }

    [BindProperty(Name = "Texts")]
    public Dictionary<int, string>? Texts { get; set; }

    public QuestionnaireView Questionnaire { get; private set; } = null!;
    public IReadOnlyList<StaffEntryModel.Option> Units { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyList<StaffEntryModel.Option> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear();
        ContactDate ??= SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var serial = PaperEntry.NormaliseSerial(Serial!);
        var outcome = await doubleEntry.EnterAsync(
            new PaperForm(UnitCode, FieldCode, serial, Questionnaire.Id, PaperContent.From(ContactDate, Answers, Texts, Comment)),
            User, HttpContext.RequestAborted);
        string? message = outcome.Result switch
        {
            PaperEntryResult.FirstStored => l["Đã lưu lần nhập thứ nhất của phiếu số {0}. Phiếu được ghi nhận khi một thành viên khác nhập lần thứ hai và khớp.", serial].Value,
            PaperEntryResult.Matched => l["Phiếu số {0}: hai lần nhập khớp nhau, phiếu đã được ghi nhận.", serial].Value,
            PaperEntryResult.Mismatched => l["Phiếu số {0}: hai lần nhập khác nhau; phiếu đã được chuyển sang đối chiếu.", serial].Value,
            _ => null,
        };
        if (message is not null)
        {
            TempData["Message"] = message;
            return Redirect(QueryHelpers(UnitCode!, FieldCode!, ContactDate!.Value));
        }

        switch (outcome.Result)
        {
            case PaperEntryResult.NotIndependent:
                return Forbid();
            case PaperEntryResult.SameTypist:
                ModelState.AddModelError(nameof(Serial), l["Ông/Bà đã nhập phiếu số {0}. Lần nhập thứ hai phải do một thành viên khác của Tổ khảo sát thực hiện.", serial]);
                break;
            case PaperEntryResult.AlreadyRecorded:
                ModelState.AddModelError(nameof(Serial), l["Phiếu số {0} đã được nhập đủ hai lần và đã được ghi nhận; không nhập lại.", serial]);
                break;
            case PaperEntryResult.AwaitingReconciliation:
                ModelState.AddModelError(nameof(Serial), l["Phiếu số {0} đã có hai lần nhập khác nhau và đang chờ đối chiếu.", serial]);
                break;
            default:
                ModelState.AddErrors(outcome.Errors);
                break;
        }

        return Page();
    }

    private static string QueryHelpers(string unitCode, string fieldCode, DateOnly date) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Path, new Dictionary<string, string?>
        {
            ["UnitCode"] = unitCode, ["FieldCode"] = fieldCode, ["ContactDate"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        });

    private async Task<bool> LoadAsync()
    {
        if (await catalog.CurrentAsync() is not { } questionnaire)
        {
            return false;
        }

        Questionnaire = questionnaire;
        var open = await independence.UnitsOpenToAsync(User);
        var units = await open.AsNoTracking().Active()
            .Select(u => new StaffEntryModel.Option(u.Code, LocalName.Of(u.Name, u.NameEn))).ToListAsync();
        Units = [.. units.OrderBy(u => u.Name, Infrastructure.Localisation.VietnameseOrder)];
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, open, HttpContext.RequestAborted);
        // With the unit chosen, only the fields it serves; the rules refuse any other all the same.
        var fields = string.IsNullOrWhiteSpace(UnitCode) ? db.Fields.Where(f => f.IsActive).OrderBy(f => f.SortOrder) : db.FieldsServedBy(UnitCode.Trim());
        Fields = await fields.AsNoTracking().Select(f => new StaffEntryModel.Option(f.Code, LocalName.Of(f.Name, f.NameEn))).ToListAsync();
        return true;
    }
}
