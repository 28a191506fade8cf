using CitizenVoice.Infrastructure;
using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// A survey-team member enters a response taken by phone or email (paper forms go through double entry). Only units outside the member's own
/// subtree are offered, and the recorder checks independence again on save.
/// </summary>
[Authorize(Policy = SurveyPolicies.SurveyTeam)]
public sealed class StaffEntryModel(
    AppDb db, QuestionnaireCatalog catalog, SurveyRecorder recorder, SurveyIndependence independence, TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Option(string Code, string Name);

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng chọn {0}.")]
    [Display(Name = "Đơn vị được khảo sát")]
    public string? UnitCode { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng chọn {0}.")]
    [Display(Name = "Lĩnh vực")]
    public string? FieldCode { get; set; }

    [BindProperty]
    [Display(Name = "Kênh")]
    public SurveyChannel Channel { get; set; } = SurveyChannel.Phone;

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [Display(Name = "Ngày liên hệ")]
    public DateOnly? ContactDate { get; set; }

    [BindProperty]
    [StringLength(SurveyRules.MaxReceipt, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Mã hồ sơ (mã biên nhận)")]
    public string? ReceiptCode { get; set; }

    [BindProperty]
    [StringLength(SurveyRules.MaxComment, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Góp ý của người dân")]
    public string? Comment { get; set; }

    // Named explicitly: without a name, MVC falls back to binding every form field as a dictionary key when none is posted.
    [BindProperty(Name = "Answers")]
    public Dictionary<int, int>? Answers { get; set; }

    [BindProperty(Name = "Texts")]
    public Dictionary<int, string>? Texts { get; set; }

    public QuestionnaireView Questionnaire { get; private set; } = null!;
    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyList<Option> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "don-vi")] string? unit, [FromQuery(Name = "linh-vuc")] string? field,
        [FromQuery(Name = "kenh")] SurveyChannel? channel, [FromQuery(Name = "ngay")] DateOnly? day)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        // After a save the form comes back with the same unit, field, channel and day: calls are entered in batches.
        UnitCode = Units.Any(u => u.Code == unit) ? unit : null;
        FieldCode = Fields.Any(f => f.Code == field) ? field : null;
        Channel = channel is SurveyChannel.Email ? SurveyChannel.Email : SurveyChannel.Phone;
        ContactDate = day ?? SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        // Paper forms count only after double entry (PaperDoubleEntry), so they are not taken here.
        if (Channel is not (SurveyChannel.Phone or SurveyChannel.Email))
        {
            ModelState.AddModelError(nameof(Channel), l["Vui lòng chọn kênh: điện thoại hoặc thư điện tử. Phiếu giấy được nhập tại trang Nhập phiếu giấy."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await recorder.RecordAsync(new SurveySubmission(
            UnitCode, FieldCode, Channel, PostedAnswers.From(Answers, Texts), ReceiptCode, Comment,
            QuestionnaireId: Questionnaire.Id, ContactDate: ContactDate), User, HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case RecordStatus.Created:
                TempData["Message"] = l["Đã lưu phiếu khảo sát."].Value;
                return Redirect(QueryHelpers.AddQueryString("/quan-tri/khao-sat/nhap", new Dictionary<string, string?>
                {
                    ["don-vi"] = UnitCode, ["linh-vuc"] = FieldCode, ["kenh"] = Channel.ToString(),
                    ["ngay"] = ContactDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                }));
            case RecordStatus.NotIndependent:
                return Forbid();
            default:
                ModelState.AddOutcome(outcome, l, nameof(ReceiptCode));
                return Page();
        }
    }

    private async Task<bool> LoadAsync()
    {
        if (await catalog.CurrentAsync() is not { } questionnaire)
        {
            return false;
        }

        Questionnaire = questionnaire;
        var open = await independence.UnitsOpenToAsync(User);
        var units = await open.AsNoTracking().Active()
            .Select(u => new Option(u.Code, LocalName.Of(u.Name, u.NameEn))).ToListAsync();
        Units = [.. units.OrderBy(u => u.Name, Infrastructure.Localisation.VietnameseOrder)];
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, open, HttpContext.RequestAborted);
        // With the unit chosen, only the fields it serves; the rules refuse any other all the same.
        var fields = string.IsNullOrWhiteSpace(UnitCode) ? db.Fields.Where(f => f.IsActive).OrderBy(f => f.SortOrder) : db.FieldsServedBy(UnitCode.Trim());
        Fields = await fields.AsNoTracking().Select(f => new Option(f.Code, LocalName.Of(f.Name, f.NameEn))).ToListAsync();
        return true;
    }
}
