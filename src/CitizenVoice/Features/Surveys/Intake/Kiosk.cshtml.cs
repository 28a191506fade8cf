using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The counter tablet: five faces, one tap records the overall rating; then an optional rating per element, a thank-you,
/// and back to the faces. With its script the page works offline (answers queue in the browser and go to the API with
/// a client id); without it, each tap is a plain form post.
/// </summary>
[EnableRateLimiting(RateLimits.PublicWrite)]
public sealed class KioskModel(AppDb db, QuestionnaireCatalog catalog, KioskRecorder recorder, SurveyRecorder surveys) : PageModel
{
    public sealed record FollowUp(string ElementName, QuestionView Question);

    [FromRoute]
    public string UnitCode { get; set; } = "";

    [FromRoute]
    public string FieldCode { get; set; } = "";

    [BindProperty]
    public Guid? ClientId { get; set; }

    [BindProperty]
    public int? Value { get; set; }

    /// <summary>
    /// After a tap without the script: a response was just recorded, which a follow-up may replace. The address carries
    /// no response id: the device's follow-up ticket (a cookie, see <see cref="KioskRecorder"/>) names it.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "da-ghi")]
    public int? Recorded { get; set; }

    [BindProperty(SupportsGet = true, Name = "cam-on")]
    public int? ThankYou { get; set; }

    [BindProperty(Name = "Answers")]
    public Dictionary<int, int>? Answers { get; set; }

    public QuestionnaireView Questionnaire { get; private set; } = null!;
    public QuestionView OverallQuestion { get; private set; } = null!;
    public IReadOnlyList<FollowUp> FollowUps { get; private set; } = [];
    public string UnitName { get; private set; } = "";
    public string FieldName { get; private set; } = "";
    public bool Thanked { get; private set; }
    /// <summary>Staff of this unit (or above it) are signed in on this device: their taps are refused.</summary>
    public bool SignedInStaff { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return await ToSuccessorAsync();
        }

        ClientId = Guid.CreateVersion7();
        Thanked = Recorded is not null || ThankYou is not null;
        SignedInStaff = await surveys.IsOwnUnitAsync(User, UnitCode, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>The one-tap overall rating.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return await ToSuccessorAsync();
        }

        if (Value is not { } value || !OverallQuestion.Scale!.Allows(value))
        {
            return Redirect(Here());
        }

        var outcome = await recorder.RecordOnceAsync(Submission([new SubmittedAnswer(OverallQuestion.Id, value)]), ClientId, replaces: null, HttpContext);
        if (outcome.Status == RecordStatus.OwnUnit)
        {
            ClientId = Guid.CreateVersion7();
            SignedInStaff = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        return Redirect(outcome.Status == RecordStatus.Created ? Here("?da-ghi=1") : Here());
    }

    /// <summary>The optional follow-up: the element ratings, replacing the one-tap response this device recorded (its overall rating kept).</summary>
    public async Task<IActionResult> OnPostFollowUpAsync()
    {
        if (!await LoadAsync())
        {
            return await ToSuccessorAsync();
        }

        var answers = (Answers ?? []).Where(a => FollowUps.Any(f => f.Question.Id == a.Key)).Select(a => new SubmittedAnswer(a.Key, a.Value)).ToList();
        if (answers.Count > 0)
        {
            // A device without the tap's ticket (another device, or too late) records nothing; the citizen is thanked all the same.
            await recorder.RecordFollowUpAsync(Submission(answers), ClientId, HttpContext);
        }

        return Redirect(Here("?cam-on=1"));
    }

    /// <summary>A kiosk set up for a unit since merged goes on working for the unit that took it over.</summary>
    private async Task<IActionResult> ToSuccessorAsync() =>
        await Organisation.UnitTree.SuccessorCodeAsync(db, UnitCode, HttpContext.RequestAborted) is { } successor
            ? Redirect($"/khao-sat/kiosk/{Uri.EscapeDataString(successor)}/{Uri.EscapeDataString(FieldCode)}")
            : NotFound();

    public string Here(string query = "") => $"/khao-sat/kiosk/{Uri.EscapeDataString(UnitCode)}/{Uri.EscapeDataString(FieldCode)}{query}";

    private SurveySubmission Submission(List<SubmittedAnswer> answers) =>
        new(UnitCode, FieldCode, SurveyChannel.Kiosk, answers, QuestionnaireId: Questionnaire.Id);

    private async Task<bool> LoadAsync()
    {
        var unit = await db.Units.AsNoTracking().Active().Where(u => u.Code == UnitCode)
            .Select(u => LocalName.Of(u.Name, u.NameEn)).SingleOrDefaultAsync(HttpContext.RequestAborted);
        var field = await db.Fields.AsNoTracking().Where(f => f.Code == FieldCode && f.IsActive).Select(f => new { f.Id, f.Name, f.NameEn }).SingleOrDefaultAsync(HttpContext.RequestAborted);
        if (unit is null || field is null || !await db.ServesAsync(UnitCode, FieldCode, HttpContext.RequestAborted)
            || await catalog.ServedAsync(field.Id, SurveyChannel.Kiosk, HttpContext.RequestAborted) is not { Overall: { Scale: not null } overall } questionnaire)
        {
            return false;
        }

        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        (UnitName, FieldName, Questionnaire, OverallQuestion) = (unit, LocalName.Of(field.Name, field.NameEn), questionnaire, overall);
        // Each element's own satisfaction question (coded "E1.S"), or its last question when a template has none.
        FollowUps = [.. questionnaire.Elements
            .Select(e => (e, q: e.Questions.FirstOrDefault(q => q.Code.EndsWith(".S", StringComparison.Ordinal)) ?? (e.Questions.Count > 0 ? e.Questions[^1] : null)))
            .Where(x => x.q?.Scale is not null).Select(x => new FollowUp(x.e.NameFor(culture), x.q!))];
        return true;
    }
}

/// <summary>A kiosk face (0 very unhappy … 4 very happy); a decorative one sits beside a text label that names it already.</summary>
public sealed record KioskFace(int Index, bool Decorative);
