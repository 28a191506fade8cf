using System.Globalization;
using System.Security.Cryptography;
using CitizenVoice.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Recording for devices that retry: a kiosk queues answers while the network is down and sends them again until it
/// hears back, so each carries a client-generated id that becomes the response's id; a second arrival of the same id
/// answers "created" without recording again. A kiosk's optional follow-up (ratings per element after the one-tap
/// overall rating) arrives as a fuller response that replaces the one-tap response it names, so a citizen still counts once.
/// <para>
/// Only the device that made the one-tap response may replace it, and only with the same overall rating: when a kiosk
/// response is created, the answer carries a follow-up ticket in a cookie (protected, valid for
/// <see cref="FollowUpWindow"/>) naming the response and its answers. A follow-up is accepted only with the ticket of
/// the response it replaces, and the ticket's answers win over the follow-up's, so knowing a response's id is not
/// enough to change another person's rating. Both the page's plain forms and its script's API calls carry the cookie.
/// </para>
/// </summary>
public sealed class KioskRecorder(AppDb db, SurveyRecorder recorder, TimeProvider clock, IDataProtectionProvider protection)
{
    /// <summary>How long after the tap a follow-up may still replace it.</summary>
    public static readonly TimeSpan FollowUpWindow = TimeSpan.FromMinutes(30);

    public const string ReplacedReason = "Thay bằng phiếu có đánh giá thêm tại kiosk";

    public const string TicketCookie = "cv.kiosk";

    private ITimeLimitedDataProtector Tickets =>
        protection.CreateProtector("CitizenVoice.Surveys.KioskFollowUp.v1").ToTimeLimitedDataProtector();

    /// <summary>Records a response from a citizens' channel; a kiosk follow-up names in <paramref name="replaces"/> the one-tap response it replaces.</summary>
    public async Task<RecordOutcome> RecordOnceAsync(SurveySubmission submission, Guid? clientId, Guid? replaces, HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        if (submission.Channel != SurveyChannel.Kiosk)
        {
            return await recorder.RecordFromCitizenChannelAsync(submission with { Id = clientId }, http.User, cancellationToken);
        }

        if (replaces is null)
        {
            // A repeated client id is recognised by the writer and answered "created" without a second record.
            var outcome = await recorder.RecordFromCitizenChannelAsync(submission with { Id = clientId }, http.User, cancellationToken);
            if (outcome is { Status: RecordStatus.Created, Repeated: false, Id: { } id })
            {
                IssueTicket(http, id, submission.Answers);
            }

            return outcome;
        }

        return await FollowUpAsync(submission, clientId, replaces, http);
    }

    /// <summary>The follow-up of the page's plain form: it replaces the response this device recorded last.</summary>
    public Task<RecordOutcome> RecordFollowUpAsync(SurveySubmission submission, Guid? clientId, HttpContext http) =>
        FollowUpAsync(submission, clientId, replaces: null, http);

    private async Task<RecordOutcome> FollowUpAsync(SurveySubmission submission, Guid? clientId, Guid? replaces, HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        if (ReadTicket(http) is not { } ticket || (replaces is { } named && named != ticket.Id))
        {
            return new RecordOutcome(RecordStatus.NotReplaceable);
        }

        // The tap's answers (its overall rating) stay as they were; the follow-up only adds the element ratings.
        var answers = ticket.Answers.Concat(submission.Answers.Where(a => ticket.Answers.All(t => t.QuestionId != a.QuestionId))).ToList();
        var replacement = await recorder.RecordFromCitizenChannelAsync(submission with { Id = clientId, Answers = answers }, http.User, cancellationToken);
        if (replacement is { Status: RecordStatus.Created, Repeated: false, Id: { } newId } && newId != ticket.Id)
        {
            http.Response.Cookies.Delete(TicketCookie, new CookieOptions { Path = "/" });
            var since = clock.GetUtcNow().UtcDateTime - FollowUpWindow;
            var placed = await db.SurveyResponses.AsNoTracking().Where(r => r.Id == newId).Select(r => new { r.UnitId, r.FieldId }).SingleAsync(cancellationToken);
            var replaceable = await db.SurveyResponses.AnyAsync(r => r.Id == ticket.Id && !r.IsDeleted && r.Channel == SurveyChannel.Kiosk
                && r.UnitId == placed.UnitId && r.FieldId == placed.FieldId && r.CreatedAt >= since, cancellationToken);
            if (replaceable)
            {
                await recorder.DeleteAsync(ticket.Id, ReplacedReason, cancellationToken);
            }
        }

        return replacement;
    }

    private sealed record Ticket(Guid Id, IReadOnlyList<SubmittedAnswer> Answers);

    private void IssueTicket(HttpContext http, Guid id, IReadOnlyList<SubmittedAnswer> answers)
    {
        var scaled = answers.Where(a => a.Value is not null).Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.QuestionId}:{a.Value}"));
        var payload = id.ToString("N") + "|" + string.Join(',', scaled);
        http.Response.Cookies.Append(TicketCookie, Tickets.Protect(payload, FollowUpWindow), new CookieOptions
        {
            Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, MaxAge = FollowUpWindow, IsEssential = true,
        });
    }

    private Ticket? ReadTicket(HttpContext http)
    {
        if (http.Request.Cookies[TicketCookie] is not { Length: > 0 } cookie)
        {
            return null;
        }

        try
        {
            var parts = Tickets.Unprotect(cookie).Split('|');
            var answers = parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':'))
                .Select(p => new SubmittedAnswer(int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture))).ToList();
            return new Ticket(Guid.ParseExact(parts[0], "N"), answers);
        }
        catch (CryptographicException)
        {
            // Expired, or not made by this site: no follow-up.
            return null;
        }
    }
}
