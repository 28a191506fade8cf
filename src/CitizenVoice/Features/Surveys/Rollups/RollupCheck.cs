using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// Recomputes the rollups from raw, non-deleted responses and lists every count where they differ. It scans
/// everything (optionally a period), so it is an administrator's check, not a report.
/// </summary>
public sealed class RollupCheck(AppDb db, PendingRollupFold fold)
{
    /// <summary>
    /// A rollup count; <see cref="QuestionId"/> and <see cref="Value"/> are null for a response count. Keys of
    /// <see cref="RollupRow"/>s carry their period (a month's first day, or the day) in <see cref="Day"/> and the row's
    /// scope in <see cref="Scope"/>; daily rows have no scope.
    /// </summary>
    public sealed record Key(DateOnly Day, int UnitId, int FieldId, int ProcedureId, SurveyChannel Channel, int RespondentType, int? QuestionId, int? Value, RollupScope? Scope = null);

    /// <summary>A count whose recorded value is not what the raw responses give; <see cref="Table"/> names the rollup.</summary>
    public sealed record Difference(Key Key, long Expected, long Recorded, string Table = "daily");

    /// <summary>
    /// Month by month, so the expected rows of one month are all it holds at once, at any number of responses: the
    /// responses are summed by the writer's own rule (<see cref="RollupRule"/>, under each unit's current ancestors: a
    /// move shifts a unit's history to its new ancestors, <see cref="RollupRebuild.MoveSubtreeAsync"/>) and compared
    /// row by row with the stored rows. Rows by month are compared only for whole months inside the period.
    /// </summary>
    public async Task<IReadOnlyList<Difference>> RunAsync(DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        var differences = new List<Difference>();
        await fold.FoldAsync(db, cancellationToken);
        // Without a period: from the first month anything was stored to the last, whole.
        var first = from ?? Earliest(
            await db.SurveyResponses.MinAsync(r => (DateOnly?)r.Day, cancellationToken),
            await db.DailyRollups.MinAsync(r => (DateOnly?)r.Day, cancellationToken),
            await db.RollupRows.MinAsync(r => (DateOnly?)r.Period, cancellationToken));
        var last = to ?? Latest(
            await db.SurveyResponses.MaxAsync(r => (DateOnly?)r.Day, cancellationToken),
            await db.DailyRollups.MaxAsync(r => (DateOnly?)r.Day, cancellationToken),
            await db.RollupRows.MaxAsync(r => (DateOnly?)r.Period, cancellationToken));
        if (first is not { } start || last is not { } end)
        {
            return differences;
        }

        if (from is null) { start = new DateOnly(start.Year, start.Month, 1); }
        if (to is null) { end = new DateOnly(end.Year, end.Month, 1).AddMonths(1).AddDays(-1); }
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => (Lineage: RollupRule.Lineage(u.Path), u.Level), cancellationToken);
        var fieldIds = await db.Fields.Select(f => f.Id).ToListAsync(cancellationToken);
        for (var month = new DateOnly(start.Year, start.Month, 1); month <= end; month = month.AddMonths(1))
        {
            var monthEnd = month.AddMonths(1).AddDays(-1);
            var (lo, hi) = (start > month ? start : month, end < monthEnd ? end : monthEnd);
            differences.AddRange(await MonthAsync(units, fieldIds, lo, hi, whole: lo == month && hi == monthEnd, cancellationToken));
        }

        return differences;
    }

    private static DateOnly? Earliest(params DateOnly?[] days) => days.Where(d => d is not null).Min();

    private static DateOnly? Latest(params DateOnly?[] days) => days.Where(d => d is not null).Max();

    private async Task<List<Difference>> MonthAsync(
        Dictionary<int, (int[] Lineage, UnitLevel Level)> units, List<int> fieldIds, DateOnly from, DateOnly to, bool whole, CancellationToken ct)
    {
        var expected = new RollupSums();
        // Unit by unit and field by field: the (unit, field, day) index finds a month's responses without a table scan.
        foreach (var fieldId in fieldIds)
        {
            foreach (var (unitId, (lineage, level)) in units)
            {
                await foreach (var r in db.SurveyResponses.AsNoTracking()
                    .Where(r => r.UnitId == unitId && r.FieldId == fieldId && r.Day >= from && r.Day <= to && !r.IsDeleted)
                    .Select(r => new { r.Day, ProcedureId = r.ProcedureId ?? 0, r.Channel, r.RespondentType, r.Answers })
                    .AsAsyncEnumerable().WithCancellation(ct))
                {
                    expected.Add(new RollupCell(unitId, lineage, level, r.Day, fieldId, r.ProcedureId, (int)r.Channel, r.RespondentType),
                        r.Answers.Where(a => a.Value is not null).Select(a => (a.QuestionId, a.Value!.Value)), +1);
                }
            }
        }

        // The stored rows unit by unit too: the keys of both tables begin with the unit, so each read is a few narrow
        // ranges of an index, where one read of a month for all units passes over the whole table (13 GB of rollup rows
        // at 10 million responses) once a month. Rows by day within the period; rows by month if the month is whole.
        var storedDaily = new Dictionary<Key, (long Responses, string Answers)>();
        var storedRows = new Dictionary<Key, (long Responses, string Answers)>();
        var (dayScopes, monthScopes) = (RollupScopes.LevelsByDay, MonthScopes);
        foreach (var unitId in units.Keys)
        {
            await foreach (var r in db.DailyRollups.AsNoTracking().Where(r => r.UnitId == unitId && r.Day >= from && r.Day <= to)
                .Select(r => new { Key = new Key(r.Day, r.UnitId, r.FieldId, r.ProcedureId, r.Channel, r.RespondentType, null, null), r.Responses, r.Answers })
                .AsAsyncEnumerable().WithCancellation(ct))
            {
                storedDaily[r.Key] = (r.Responses, r.Answers);
            }

            var rows = db.RollupRows.AsNoTracking().Where(r => r.UnitId == unitId && dayScopes.Contains(r.Scope) && r.Period >= from && r.Period <= to);
            if (whole)
            {
                rows = rows.Concat(db.RollupRows.AsNoTracking().Where(r => r.UnitId == unitId && monthScopes.Contains(r.Scope) && r.Period == from));
            }

            await foreach (var r in rows.Select(r => new { Key = new Key(r.Period, r.UnitId, r.FieldId, r.ProcedureId, r.Channel, r.RespondentType, null, null, r.Scope), r.Responses, r.Answers })
                .AsAsyncEnumerable().WithCancellation(ct))
            {
                storedRows[r.Key] = (r.Responses, r.Answers);
            }
        }

        var differences = Compare(
            expected.Daily.Select(r => (new Key(r.Key.Day, r.Key.UnitId, r.Key.FieldId, r.Key.ProcedureId, (SurveyChannel)r.Key.Channel, r.Key.RespondentType, null, null), r.Value.Responses, r.Value.Answers)),
            storedDaily, _ => "daily");
        differences.AddRange(Compare(
            expected.Rows.Where(r => whole || RollupScopes.IsByDay(r.Key.Scope))
                .Select(r => (new Key(r.Key.Period, r.Key.UnitId, r.Key.FieldId, r.Key.ProcedureId, (SurveyChannel)r.Key.Channel, r.Key.RespondentType, null, null, r.Key.Scope), r.Value.Responses, r.Value.Answers)),
            storedRows, key => TableName(key.Scope!.Value)));
        return [.. differences.OrderBy(d => d.Key.Day).ThenBy(d => d.Key.UnitId).ThenBy(d => d.Key.QuestionId)];
    }

    /// <summary>Every scope of the rows by month (named, so a read by unit is a range of the key (unit, scope, period) per scope).</summary>
    private static readonly RollupScope[] MonthScopes = [.. Enum.GetValues<RollupScope>().Where(s => !RollupScopes.IsByDay(s))];

    /// <summary>How the check's page names the rows of a scope (the names it has always shown).</summary>
    private static string TableName(RollupScope scope) => scope switch
    {
        RollupScope.Own => "monthly",
        RollupScope.Subtree => "monthly (tree)",
        RollupScope.SubtreeByDay => "daily (tree)",
        RollupScope.ProcedureOwn => "monthly (procedure)",
        RollupScope.ProcedureSubtree => "monthly (procedure, tree)",
        _ => RollupScopes.IsByDay(scope) ? $"daily ({RollupScopes.LevelOf(scope)} below)" : $"monthly ({RollupScopes.LevelOf(scope)} below)",
    };

    /// <summary>
    /// Every row expected or stored, compared: its response count, then (when the packed texts differ) each question ×
    /// value count. A row missing on either side counts as zero.
    /// </summary>
    private static List<Difference> Compare(IEnumerable<(Key Key, long Responses, AnswerCounts Answers)> expected, Dictionary<Key, (long Responses, string Answers)> stored, Func<Key, string> table)
    {
        var differences = new List<Difference>();
        void Row(Key key, long expectedResponses, AnswerCounts? expectedAnswers, long storedResponses, string? storedAnswers)
        {
            if (expectedResponses != storedResponses)
            {
                differences.Add(new Difference(key, expectedResponses, storedResponses, table(key)));
            }

            var text = expectedAnswers?.ToString() ?? "";
            if (text == (storedAnswers ?? ""))
            {
                return;
            }

            var want = (expectedAnswers?.Entries ?? []).ToDictionary(e => (e.QuestionId, e.Value), e => e.Count);
            var have = AnswerCounts.Parse(storedAnswers).GroupBy(e => (e.QuestionId, e.Value)).ToDictionary(g => g.Key, g => g.Sum(e => e.Count));
            foreach (var cell in want.Keys.Union(have.Keys).Where(c => want.GetValueOrDefault(c) != have.GetValueOrDefault(c)))
            {
                differences.Add(new Difference(key with { QuestionId = cell.QuestionId, Value = cell.Value }, want.GetValueOrDefault(cell), have.GetValueOrDefault(cell), table(key)));
            }
        }

        foreach (var (key, responses, answers) in expected)
        {
            stored.Remove(key, out var row);
            Row(key, responses, answers, row.Responses, row.Answers);
        }

        foreach (var (key, row) in stored)
        {
            Row(key, 0, null, row.Responses, row.Answers);
        }

        return differences;
    }
}
