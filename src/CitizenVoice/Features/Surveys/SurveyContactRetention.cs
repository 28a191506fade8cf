using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Deletes the contact a respondent left for the survey team once the survey rounds that count their response have
/// closed and <see cref="SurveyOptions.KeepContactAfterRound"/> has passed (a response no round counts: after its own
/// day). The response, its answers and the figures stay.
/// </summary>
public sealed class SurveyContactRetention(AppDb db, IOptions<SurveyOptions> options) : IRetentionRule
{
    public Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct)
    {
        // A round closes at the end of its last day, Vietnamese time.
        var closedBefore = VietnamTime.Today(now - options.Value.KeepContactAfterRound);
        return db.SurveyResponses
            .Where(r => r.ContactProtected != null && r.Day < closedBefore
                && !db.SurveyRoundTargets.Any(t => t.UnitId == r.UnitId && t.FieldId == r.FieldId
                    && db.SurveyRounds.Any(round => round.Id == t.RoundId && round.StartsOn <= r.Day && round.EndsOn >= r.Day && round.EndsOn >= closedBefore)))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ContactProtected, (string?)null), ct);
    }
}
