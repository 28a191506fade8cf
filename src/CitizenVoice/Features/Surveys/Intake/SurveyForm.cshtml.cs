using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The online form reached by a QR code or link: the whole questionnaire on one page, no JavaScript needed. It suits
/// entering a paper-like form at once; on a phone the stepped form (<see cref="SurveyStepsModel"/>) is shorter per screen.
/// </summary>
[EnableRateLimiting(RateLimits.PublicWrite)]
public sealed class SurveyFormModel(AppDb db, QuestionnaireCatalog catalog, SurveyRecorder recorder, IStringLocalizer<SharedResource> l) : CitizenSurveyPage
{
    [FromRoute]
    public string UnitCode { get; set; } = "";

    [FromRoute]
    public string FieldCode { get; set; } = "";


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
            .Select(u => LocalName.Of(u.Name, u.NameEn)).SingleOrDefaultAsync();
        var field = await db.Fields.AsNoTracking().Where(f => f.Code == FieldCode && f.IsActive).Select(f => new { f.Id, f.Name, f.NameEn }).SingleOrDefaultAsync();
        if (unit is null || field is null || await catalog.ServedAsync(field.Id, SurveyChannel.Online) is not { } questionnaire)
        {
            return false;
        }

        (UnitName, FieldName, Questionnaire) = (unit, LocalName.Of(field.Name, field.NameEn), questionnaire);
        return true;
    }
}
