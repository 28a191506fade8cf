using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The online form reached by a QR code or link: the whole questionnaire on one page, no JavaScript needed. It suits
/// entering a paper-like form at once; on a phone the stepped form (<see cref="SurveyStepsModel"/>) is shorter per screen.
/// </summary>
[EnableRateLimiting(RateLimits.PublicWrite)]
public sealed class SurveyFormModel(AppDb db, QuestionnaireCatalog catalog, SurveyRecorder recorder, IStringLocalizer<SharedResource> l) : PageModel
{
    [FromRoute]
    public string UnitCode { get; set; } = "";

    [FromRoute]
    public string FieldCode { get; set; } = "";

    // Named explicitly: without a name, MVC falls back to binding every form field as a dictionary key when none is posted.
    [BindProperty(Name = "Answers")]
    public Dictionary<int, int>? Answers { get; set; }

    [BindProperty(Name = "Texts")]
    public Dictionary<int, string>? Texts { get; set; }

    [BindProperty]
    [StringLength(SurveyRules.MaxComment, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Góp ý để chúng tôi phục vụ tốt hơn (không bắt buộc)")]
    public string? Comment { get; set; }

    [BindProperty]
    [StringLength(SurveyRules.MaxReceipt, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Mã hồ sơ (mã biên nhận)")]
    public string? ReceiptCode { get; set; }

    [BindProperty]
    [StringLength(SurveyRules.MaxContact, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Số điện thoại hoặc email")]
    public string? Contact { get; set; }

    [BindProperty]
    [Display(Name = "Tôi đồng ý để Tổ khảo sát lưu thông tin liên hệ này để liên hệ lại với tôi về phiếu đánh giá.")]
    public bool ContactConsent { get; set; }

    /// <summary>The honeypot.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public QuestionnaireView Questionnaire { get; private set; } = null!;
    public string UnitName { get; private set; } = "";
    public string FieldName { get; private set; } = "";
    /// <summary>Staff of this unit (or above it) are signed in on this browser: the form warns that their rating is refused.</summary>
    public bool SignedInStaff { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync())
        {
            if (!await db.ServesAsync(UnitCode, FieldCode, HttpContext.RequestAborted))
            {
                // Back to the start, which says the unit does not handle this field and offers the fields it does.
                return Redirect($"/khao-sat?unit={Uri.EscapeDataString(UnitCode)}&field={Uri.EscapeDataString(FieldCode)}");
            }

            SignedInStaff = await recorder.IsOwnUnitAsync(User, UnitCode, HttpContext.RequestAborted);
            return Page();
        }

        // The QR code of a merged unit stays on the wall: it opens the form of the unit that took it over.
        return await Organisation.UnitTree.SuccessorCodeAsync(db, UnitCode, HttpContext.RequestAborted) is { } successor
            ? Redirect($"/khao-sat/{Uri.EscapeDataString(successor)}/{Uri.EscapeDataString(FieldCode)}")
            : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(Website))
        {
            // Told nothing: a robot that learns it was caught only tries harder.
            return Redirect("/khao-sat/cam-on");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await recorder.RecordFromCitizenChannelAsync(new SurveySubmission(
            UnitCode, FieldCode, SurveyChannel.Online, PostedAnswers.From(Answers, Texts), ReceiptCode, Comment,
            QuestionnaireId: Questionnaire.Id, Contact: Contact, ContactConsent: ContactConsent), User, HttpContext.RequestAborted);
        switch (outcome.Status)
        {
            case RecordStatus.Created:
                return Redirect("/khao-sat/cam-on");
            case RecordStatus.OwnUnit:
                SignedInStaff = true;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
        }

        ModelState.AddOutcome(outcome, l, nameof(ReceiptCode));
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var unit = await db.Units.AsNoTracking().Active().Where(u => u.Code == UnitCode)
            .Select(u => u.Name).SingleOrDefaultAsync();
        var field = await db.Fields.AsNoTracking().Where(f => f.Code == FieldCode && f.IsActive).Select(f => new { f.Id, f.Name, f.NameEn }).SingleOrDefaultAsync();
        if (unit is null || field is null || await catalog.ServedAsync(field.Id, SurveyChannel.Online) is not { } questionnaire)
        {
            return false;
        }

        (UnitName, FieldName, Questionnaire) = (unit, QuestionnaireView.Pick(System.Globalization.CultureInfo.CurrentUICulture, field.Name, field.NameEn), questionnaire);
        return true;
    }
}
