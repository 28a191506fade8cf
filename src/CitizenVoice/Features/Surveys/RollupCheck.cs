using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Recomputes both rollups from raw, non-deleted responses and lists every cell where they differ. It scans
/// everything (optionally a period), so it is an administrator's check, not a report.
/// </summary>
public sealed class RollupCheck(AppDb db)
{
    /// <summary>A rollup cell; <see cref="QuestionId"/> and <see cref="Value"/> are null for a response count.</summary>
    public sealed record Key(DateOnly Day, int UnitId, int FieldId, int ProcedureId, SurveyChannel Channel, int RespondentType, int? QuestionId, int? Value);

    public sealed record Difference(Key Key, long Expected, long Recorded);

    public async Task<IReadOnlyList<Difference>> RunAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        var responses = db.SurveyResponses.AsNoTracking()
            .Where(r => !r.IsDeleted && (from == null || r.Day >= from) && (to == null || r.Day <= to));
        var expectedAnswers = await responses
            .SelectMany(r => r.Answers.Where(a => a.Value != null), (r, a) => new { r.Day, r.UnitId, r.FieldId, ProcedureId = r.ProcedureId ?? 0, r.Channel, r.RespondentType, a.QuestionId, Value = a.Value!.Value })
            .GroupBy(a => new { a.Day, a.UnitId, a.FieldId, a.ProcedureId, a.Channel, a.RespondentType, a.QuestionId, a.Value })
            .Select(g => new { g.Key, Count = (long)g.Count() })
            .ToListAsync(cancellationToken);
        var expectedResponses = await responses
            .GroupBy(r => new { r.Day, r.UnitId, r.FieldId, ProcedureId = r.ProcedureId ?? 0, r.Channel, r.RespondentType })
            .Select(g => new { g.Key, Count = (long)g.Count() })
            .ToListAsync(cancellationToken);
        var recordedAnswers = await db.SatisfactionRollups.AsNoTracking()
            .Where(r => (from == null || r.Day >= from) && (to == null || r.Day <= to)).ToListAsync(cancellationToken);
        var recordedResponses = await db.ResponseRollups.AsNoTracking()
            .Where(r => (from == null || r.Day >= from) && (to == null || r.Day <= to)).ToListAsync(cancellationToken);

        var expected = expectedAnswers.ToDictionary(
                e => new Key(e.Key.Day, e.Key.UnitId, e.Key.FieldId, e.Key.ProcedureId, e.Key.Channel, e.Key.RespondentType, e.Key.QuestionId, e.Key.Value), e => e.Count)
            .Concat(expectedResponses.ToDictionary(
                e => new Key(e.Key.Day, e.Key.UnitId, e.Key.FieldId, e.Key.ProcedureId, e.Key.Channel, e.Key.RespondentType, null, null), e => e.Count))
            .ToDictionary();
        var recorded = recordedAnswers.ToDictionary(
                r => new Key(r.Day, r.UnitId, r.FieldId, r.ProcedureId, r.Channel, r.RespondentType, r.QuestionId, r.Value), r => r.Count)
            .Concat(recordedResponses.ToDictionary(
                r => new Key(r.Day, r.UnitId, r.FieldId, r.ProcedureId, r.Channel, r.RespondentType, null, null), r => r.Count))
            .ToDictionary();
        return [.. expected.Keys.Union(recorded.Keys)
            .Select(k => new Difference(k, expected.GetValueOrDefault(k), recorded.GetValueOrDefault(k)))
            .Where(d => d.Expected != d.Recorded)
            .OrderBy(d => d.Key.Day).ThenBy(d => d.Key.UnitId).ThenBy(d => d.Key.QuestionId)];
    }
}
