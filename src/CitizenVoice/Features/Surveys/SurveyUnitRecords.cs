using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>The survey responses each unit holds (deleted ones left out), for a reorganisation's preview.</summary>
internal sealed class SurveyUnitRecords(AppDb db, TimeProvider clock) : IUnitRecords
{
    public int Order => 10;

    public string Name => "Phiếu khảo sát";

    public async Task<IReadOnlyDictionary<int, int>> CountByUnitAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken)
    {
        var ids = unitIds.ToList();
        // The daily rows hold the same count as the responses, in a row per unit and day instead of one per response.
        return await db.DailyRollups.Where(r => ids.Contains(r.UnitId)).GroupBy(r => r.UnitId)
            .Select(g => new { g.Key, Count = g.Sum(r => r.Responses) }).ToDictionaryAsync(g => g.Key, g => (int)g.Count, cancellationToken);
    }

    /// <summary>
    /// The rest of a survey round still running: a closed unit's target becomes what it has collected (its row stays,
    /// so its answers keep counting, and keep their contacts, under the round), and what it still had to collect is added
    /// to its successor's target in the same field (a row made when the successor had none). Responses themselves are
    /// finished records of the unit that served the citizen: their figures count in the successor through the merge.
    /// </summary>
    public async Task<int> HandOverAsync(IReadOnlyDictionary<int, int> successorOf, CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        var closed = successorOf.Keys.ToList();
        // Each target with its round's days, in one read.
        var targets = await db.SurveyRoundTargets.Where(t => closed.Contains(t.UnitId))
            .Join(db.SurveyRounds.Where(r => r.EndsOn >= today), t => t.RoundId, r => r.Id, (t, r) => new { Target = t, r.StartsOn, r.EndsOn })
            .ToListAsync(cancellationToken);
        var handed = 0;
        foreach (var (target, startsOn, endsOn) in targets.Select(t => (t.Target, t.StartsOn, t.EndsOn)))
        {
            var collected = await db.SurveyResponses.CountAsync(r => !r.IsDeleted && r.UnitId == target.UnitId && r.FieldId == target.FieldId
                && r.Day >= startsOn && r.Day <= endsOn, cancellationToken);
            var left = target.Target - collected;
            if (left <= 0)
            {
                continue;
            }

            target.Target = collected;
            var successor = successorOf[target.UnitId];
            var theirs = db.SurveyRoundTargets.Local.SingleOrDefault(t => t.RoundId == target.RoundId && t.UnitId == successor && t.FieldId == target.FieldId)
                ?? await db.SurveyRoundTargets.SingleOrDefaultAsync(t => t.RoundId == target.RoundId && t.UnitId == successor && t.FieldId == target.FieldId, cancellationToken);
            if (theirs is null)
            {
                db.SurveyRoundTargets.Add(new SurveyRoundTarget { RoundId = target.RoundId, UnitId = successor, FieldId = target.FieldId, Target = left });
            }
            else
            {
                theirs.Target += left;
            }

            handed++;
        }

        return handed;
    }
}
