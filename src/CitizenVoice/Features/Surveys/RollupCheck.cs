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

    /// <summary>A cell whose recorded count is not what the raw responses give; <see cref="Table"/> names the rollup.</summary>
    public sealed record Difference(Key Key, long Expected, long Recorded, string Table = "daily");

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
        var differences = expected.Keys.Union(recorded.Keys)
            .Select(k => new Difference(k, expected.GetValueOrDefault(k), recorded.GetValueOrDefault(k)))
            .Where(d => d.Expected != d.Recorded)
            .OrderBy(d => d.Key.Day).ThenBy(d => d.Key.UnitId).ThenBy(d => d.Key.QuestionId).ToList();
        differences.AddRange(await MonthlyDifferencesAsync(responses, from, to, cancellationToken));
        return differences;
    }

    /// <summary>
    /// The monthly rows, rebuilt from the daily response and answer counts of the raw data expanded to each unit's
    /// current ancestors. (A unit moved after its responses were recorded keeps its history under its old ancestors;
    /// the check reports such rows as differences, which is the signal to rebuild after a reorganisation.)
    /// Monthly cells are compared only for whole months inside the period.
    /// </summary>
    private async Task<IEnumerable<Difference>> MonthlyDifferencesAsync(IQueryable<SurveyResponse> responses, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var paths = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        var counts = await responses
            .SelectMany(r => r.Answers.Where(a => a.Value != null), (r, a) => new { r.UnitId, r.Day.Year, r.Day.Month, r.FieldId, a.QuestionId, Value = a.Value!.Value })
            .GroupBy(x => new { x.UnitId, x.Year, x.Month, x.FieldId, x.QuestionId, x.Value })
            .Select(g => new { g.Key, Count = (long)g.Count() }).ToListAsync(ct);
        var responseCounts = await responses.GroupBy(r => new { r.UnitId, r.Day.Year, r.Day.Month, r.FieldId })
            .Select(g => new { g.Key, Count = (long)g.Count() }).ToListAsync(ct);
        var expected = new Dictionary<(int, int, DateOnly, int, int, int), long>();
        void Add(int unitId, DateOnly month, int fieldId, int questionId, int value, long count)
        {
            var own = (unitId, MonthlyRollup.Own, month, fieldId, questionId, value);
            expected[own] = expected.GetValueOrDefault(own) + count;
            foreach (var ancestor in RollupCounts.Lineage(paths[unitId]))
            {
                var tree = (ancestor, MonthlyRollup.Tree, month, fieldId, questionId, value);
                expected[tree] = expected.GetValueOrDefault(tree) + count;
            }
        }

        foreach (var c in counts)
        {
            Add(c.Key.UnitId, new DateOnly(c.Key.Year, c.Key.Month, 1), c.Key.FieldId, c.Key.QuestionId, c.Key.Value, c.Count);
        }

        foreach (var c in responseCounts)
        {
            Add(c.Key.UnitId, new DateOnly(c.Key.Year, c.Key.Month, 1), c.Key.FieldId, 0, 0, c.Count);
        }

        var recorded = await db.MonthlyRollups.AsNoTracking().Where(r => (from == null || r.Month >= from) && (to == null || r.Month <= to)).ToListAsync(ct);
        bool Whole(DateOnly month) => (from is null || month >= from) && (to is null || month.AddMonths(1).AddDays(-1) <= to);
        var recordedByKey = recorded.ToDictionary(r => (r.UnitId, r.Scope, r.Month, r.FieldId, r.QuestionId, r.Value), r => r.Count);
        return expected.Keys.Union(recordedByKey.Keys).Where(k => Whole(k.Item3))
            .Select(k => (Key: k, Expected: expected.GetValueOrDefault(k), Recorded: recordedByKey.GetValueOrDefault(k)))
            .Where(d => d.Expected != d.Recorded)
            .Select(d => new Difference(
                new Key(d.Key.Item3, d.Key.Item1, d.Key.Item4, 0, 0, 0, d.Key.Item5 == 0 ? null : d.Key.Item5, d.Key.Item5 == 0 ? null : d.Key.Item6),
                d.Expected, d.Recorded, d.Key.Item2 == MonthlyRollup.Own ? "monthly" : "monthly (tree)"));
    }
}
