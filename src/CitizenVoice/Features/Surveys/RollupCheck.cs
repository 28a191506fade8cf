using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Recomputes the rollup counts from raw, non-deleted responses and lists every cell where they differ. It scans
/// everything (optionally a period), so it is an administrator's check, not a report.
/// </summary>
public sealed class RollupCheck(AppDb db)
{
    public sealed record Key(DateOnly Day, int UnitId, int FieldId, SurveyChannel Channel, int QuestionId, int Value);

    public sealed record Difference(Key Key, long Expected, long Recorded);

    public async Task<IReadOnlyList<Difference>> RunAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        var answers = db.SurveyResponses.AsNoTracking()
            .Where(r => !r.IsDeleted && (from == null || r.Day >= from) && (to == null || r.Day <= to))
            .SelectMany(r => r.Answers.Where(a => a.Value != null), (r, a) => new { r.Day, r.UnitId, r.FieldId, r.Channel, a.QuestionId, Value = a.Value!.Value });
        var expected = await answers
            .GroupBy(a => new { a.Day, a.UnitId, a.FieldId, a.Channel, a.QuestionId, a.Value })
            .Select(g => new { g.Key.Day, g.Key.UnitId, g.Key.FieldId, g.Key.Channel, g.Key.QuestionId, g.Key.Value, Count = (long)g.Count() })
            .ToListAsync(cancellationToken);
        var recorded = await db.SatisfactionRollups.AsNoTracking()
            .Where(r => (from == null || r.Day >= from) && (to == null || r.Day <= to))
            .ToListAsync(cancellationToken);

        var expectedByKey = expected.ToDictionary(e => new Key(e.Day, e.UnitId, e.FieldId, e.Channel, e.QuestionId, e.Value), e => e.Count);
        var recordedByKey = recorded.ToDictionary(r => new Key(r.Day, r.UnitId, r.FieldId, r.Channel, r.QuestionId, r.Value), r => r.Count);
        return [.. expectedByKey.Keys.Union(recordedByKey.Keys)
            .Select(k => new Difference(k, expectedByKey.GetValueOrDefault(k), recordedByKey.GetValueOrDefault(k)))
            .Where(d => d.Expected != d.Recorded)
            .OrderBy(d => d.Key.Day).ThenBy(d => d.Key.UnitId).ThenBy(d => d.Key.QuestionId)];
    }
}
