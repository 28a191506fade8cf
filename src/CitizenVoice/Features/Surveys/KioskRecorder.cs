using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Recording for devices that retry: a kiosk queues answers while the network is down and sends them again until it
/// hears back, so each carries a client-generated id that becomes the response's id; a second arrival of the same id
/// answers "created" without recording again. A kiosk's optional follow-up (ratings per element after the one-tap
/// overall rating) arrives as a fuller response that replaces the one-tap response it names, so a citizen still counts once.
/// </summary>
public sealed class KioskRecorder(AppDb db, SurveyRecorder recorder, TimeProvider clock)
{
    /// <summary>How long after the tap a follow-up may still replace it.</summary>
    public static readonly TimeSpan FollowUpWindow = TimeSpan.FromMinutes(30);

    public const string ReplacedReason = "Thay bằng phiếu có đánh giá thêm tại kiosk";

    public async Task<RecordOutcome> RecordOnceAsync(SurveySubmission submission, Guid? clientId, Guid? replaces, CancellationToken cancellationToken = default)
    {
        // A repeated client id is recognised by the writer and answered "created" without a second record.
        var outcome = await recorder.RecordAsync(submission with { Id = clientId }, staff: null, cancellationToken);
        if (outcome.Status == RecordStatus.Created && replaces is { } old && old != outcome.Id && submission.Channel == SurveyChannel.Kiosk)
        {
            var since = clock.GetUtcNow().UtcDateTime - FollowUpWindow;
            var replacement = await db.SurveyResponses.AsNoTracking().Where(r => r.Id == outcome.Id).Select(r => new { r.UnitId, r.FieldId }).SingleAsync(cancellationToken);
            var replaceable = await db.SurveyResponses.AnyAsync(r => r.Id == old && !r.IsDeleted && r.Channel == SurveyChannel.Kiosk
                && r.UnitId == replacement.UnitId && r.FieldId == replacement.FieldId && r.CreatedAt >= since, cancellationToken);
            if (replaceable)
            {
                await recorder.DeleteAsync(old, ReplacedReason, cancellationToken);
            }
        }

        return outcome;
    }
}
