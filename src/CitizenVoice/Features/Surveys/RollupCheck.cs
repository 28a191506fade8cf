using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Recomputes the rollups from raw, non-deleted responses and lists every count where they differ. It scans
/// everything (optionally a period), so it is an administrator's check, not a report.
/// </summary>
public sealed class RollupCheck(AppDb db)
{
    /// <summary>A rollup count; <see cref="QuestionId"/> and <see cref="Value"/> are null for a response count.</summary>
    public sealed record Key(DateOnly Day, int UnitId, int FieldId, int ProcedureId, SurveyChannel Channel, int RespondentType, int? QuestionId, int? Value);

    /// <summary>A count whose recorded value is not what the raw responses give; <see cref="Table"/> names the rollup.</summary>
    public sealed record Difference(Key Key, long Expected, long Recorded, string Table = "daily");

    public async Task<IReadOnlyList<Difference>> RunAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        // One pass over the raw responses, unpacking each one's answers: the same counting the writer does, from scratch.
        var expected = new Counts();
        await foreach (var r in db.SurveyResponses.AsNoTracking()
            .Where(r => !r.IsDeleted && (from == null || r.Day >= from) && (to == null || r.Day <= to))
            .Select(r => new { r.Day, r.UnitId, r.FieldId, ProcedureId = r.ProcedureId ?? 0, r.Channel, r.RespondentType, r.Answers })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var key = new Key(r.Day, r.UnitId, r.FieldId, r.ProcedureId, r.Channel, r.RespondentType, null, null);
            expected.Add(key, 1);
            foreach (var answer in r.Answers.Where(a => a.Value is not null))
            {
                expected.Add(key with { QuestionId = answer.QuestionId, Value = answer.Value }, 1);
            }
        }

        var recorded = new Counts();
        await foreach (var r in db.DailyRollups.AsNoTracking().Where(r => (from == null || r.Day >= from) && (to == null || r.Day <= to)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            recorded.AddRow(new Key(r.Day, r.UnitId, r.FieldId, r.ProcedureId, r.Channel, r.RespondentType, null, null), r.Responses, r.Answers);
        }

        var differences = Compare(expected, recorded, _ => "daily")
            .OrderBy(d => d.Key.Day).ThenBy(d => d.Key.UnitId).ThenBy(d => d.Key.QuestionId).ToList();
        differences.AddRange(await MonthlyDifferencesAsync(expected, from, to, cancellationToken));
        return differences;
    }

    /// <summary>
    /// The monthly rows, rebuilt from the expected daily counts expanded to each unit's current ancestors (a move
    /// shifts a unit's history to its new ancestors, <see cref="RollupRebuild.MoveSubtreeAsync"/>, so they agree).
    /// Monthly rows are compared only for whole months inside the period. Their keys carry the month (the day for
    /// subtree-by-day rows) in <see cref="Key.Day"/> and the row's scope (own, subtree, a level below, subtree by day)
    /// in <see cref="Key.ProcedureId"/>.
    /// </summary>
    private async Task<IEnumerable<Difference>> MonthlyDifferencesAsync(Counts daily, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => new { u.Path, u.Level }, ct);
        var expected = new Counts();
        foreach (var (key, count) in daily.All)
        {
            var unit = units[key.UnitId];
            var lineage = RollupCounts.Lineage(unit.Path);
            var month = key with { Day = new DateOnly(key.Day.Year, key.Day.Month, 1) };
            foreach (var (unitId, scope) in RollupCounts.MonthlyRowsOf(key.UnitId, lineage, unit.Level))
            {
                expected.Add(month with { UnitId = unitId, ProcedureId = scope }, count);
            }

            foreach (var unitId in lineage)
            {
                expected.Add(key with { UnitId = unitId, ProcedureId = MonthlyRollup.TreeDay, Channel = 0, RespondentType = 0 }, count);
            }
        }

        var recorded = new Counts();
        await foreach (var r in db.MonthlyRollups.AsNoTracking().Where(r => (from == null || r.Month >= from) && (to == null || r.Month <= to)).AsAsyncEnumerable().WithCancellation(ct))
        {
            recorded.AddRow(new Key(r.Month, r.UnitId, r.FieldId, r.Scope, r.Channel, r.RespondentType, null, null), r.Responses, r.Answers);
        }

        bool Whole(DateOnly month) => (from is null || month >= from) && (to is null || month.AddMonths(1).AddDays(-1) <= to);
        return Compare(expected, recorded, key => key.ProcedureId switch
        {
            MonthlyRollup.Own => "monthly",
            MonthlyRollup.Tree => "monthly (tree)",
            MonthlyRollup.TreeDay => "daily (tree)",
            var scope => $"monthly ({MonthlyRollup.LevelOf(scope)} below)",
        }).Where(d => d.Key.ProcedureId == MonthlyRollup.TreeDay || Whole(d.Key.Day));
    }

    private static IEnumerable<Difference> Compare(Counts expected, Counts recorded, Func<Key, string> table) =>
        expected.All.Keys.Union(recorded.All.Keys)
            .Select(k => new Difference(k, expected.All.GetValueOrDefault(k), recorded.All.GetValueOrDefault(k), table(k)))
            .Where(d => d.Expected != d.Recorded);

    /// <summary>Counts by key: a rollup row unpacked into its response count and one count per question × value.</summary>
    private sealed class Counts
    {
        public Dictionary<Key, long> All { get; } = [];

        public void Add(Key key, long count) => All[key] = All.GetValueOrDefault(key) + count;

        public void AddRow(Key row, long responses, string answers)
        {
            Add(row, responses);
            foreach (var (questionId, value, count) in AnswerCounts.Parse(answers))
            {
                Add(row with { QuestionId = questionId, Value = value }, count);
            }
        }
    }
}
