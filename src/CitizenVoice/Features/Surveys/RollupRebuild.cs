using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Recomputes every rollup row from the raw, non-deleted responses, under each unit's current ancestors: when the
/// check finds the rollups differ from the responses (a fault, or data changed outside the app), or when an upgrade
/// changes how rollups are stored. (Moving a unit needs no rebuild: <see cref="MoveSubtreeAsync"/> shifts its rows.) One transaction: reports see the old rows until the new ones are complete, and responses
/// arriving meanwhile wait for it (on SQLite at the write gate, on PostgreSQL at the table lock), so none is lost.
/// </summary>
public sealed class RollupRebuild(AppDb db, WriteGate gate)
{
    public async Task<long> RunAsync(CancellationToken ct = default)
    {
        using var turn = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockRollupsAsync(ct);

        // Pending increments are of responses already stored, which this counts again.
        await db.PendingRollups.ExecuteDeleteAsync(ct);
        await db.DailyRollups.ExecuteDeleteAsync(ct);
        await db.MonthlyRollups.ExecuteDeleteAsync(ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path, u.Level }).ToListAsync(ct);
        long counted = 0;
        // A unit's month at a time: small enough to hold, and the (unit, field, day) index finds it.
        foreach (var unit in units)
        {
            var lineage = RollupCounts.Lineage(unit.Path);
            var months = await db.SurveyResponses.Where(r => r.UnitId == unit.Id && !r.IsDeleted)
                .Select(r => new { r.Day.Year, r.Day.Month }).Distinct().ToListAsync(ct);
            foreach (var month in months)
            {
                var first = new DateOnly(month.Year, month.Month, 1);
                var next = first.AddMonths(1);
                var responses = await db.SurveyResponses.AsNoTracking()
                    .Where(r => r.UnitId == unit.Id && !r.IsDeleted && r.Day >= first && r.Day < next).ToListAsync(ct);
                var counts = new RollupCounts();
                foreach (var response in responses)
                {
                    counts.Add(response, lineage, unit.Level, +1);
                }

                await counts.WriteAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), ct);
                counted += responses.Count;
            }
        }

        await transaction.CommitAsync(ct);
        return counted;
    }

    /// <summary>
    /// On PostgreSQL, writers in other processes wait at the rollup tables (in this one they wait at the gate). On
    /// SQLite, a fold that read the rows before this rebuild reads them again (<see cref="RollupFolder.NextEpochAsync"/>).
    /// </summary>
    private async Task LockRollupsAsync(CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            await RollupFolder.NextEpochAsync(sqlite, db.Database.CurrentTransaction!.GetDbTransaction(), ct);
        }
        else
        {
            // In the order every writer takes them: pending, daily, monthly.
            await db.Database.ExecuteSqlRawAsync(
                $"LOCK TABLE \"{PendingRollupConfiguration.Table}\", \"{DailyRollupConfiguration.Table}\", \"{MonthlyRollupConfiguration.Table}\" IN EXCLUSIVE MODE", ct);
        }
    }

    /// <summary>
    /// Recomputes the monthly and subtree-by-day rows from the daily ones, which hold the same counts by day: an upgrade
    /// that changes only those rows reads a few rows per unit and day instead of every response.
    /// </summary>
    public async Task<long> MonthlyFromDailyAsync(CancellationToken ct = default)
    {
        using var turn = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockRollupsAsync(ct);

        // Pending increments are already in the daily rows, which this counts again.
        await db.PendingRollups.ExecuteDeleteAsync(ct);
        await db.MonthlyRollups.ExecuteDeleteAsync(ct);
        long counted = 0;
        var units = (await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path, u.Level }).ToListAsync(ct))
            .Select(u => (u.Id, Lineage: RollupCounts.Lineage(u.Path), u.Level)).ToList();
        // The first and last day in one pass (no index leads with the day).
        var span = await db.DailyRollups.GroupBy(_ => 1).Select(g => new { First = g.Min(r => r.Day), Last = g.Max(r => r.Day) }).SingleOrDefaultAsync(ct);
        // A month at a time, every unit summed in memory, then written: each row is written once. Unit by unit, the
        // province's rows were rewritten once per unit (an upgrade of 10 M responses ran for over a quarter of an hour).
        for (var month = span is null ? default : new DateOnly(span.First.Year, span.First.Month, 1); span is not null && month <= span.Last; month = month.AddMonths(1))
        {
            var (from, next) = (month, month.AddMonths(1));
            var counts = new RollupCounts();
            foreach (var (unitId, lineage, level) in units)
            {
                // The daily key starts with the unit: each unit's month is one range of it.
                await foreach (var day in db.DailyRollups.AsNoTracking().Where(r => r.UnitId == unitId && r.Day >= from && r.Day < next).AsAsyncEnumerable().WithCancellation(ct))
                {
                    counts.AddMonthly(day, lineage, level);
                    counted += day.Responses;
                }
            }

            await counts.WriteAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), ct);
        }

        await transaction.CommitAsync(ct);
        return counted;
    }

    /// <summary>
    /// A unit moves from <paramref name="oldPath"/> to <paramref name="newPath"/> with everything under it: its history
    /// leaves the subtree rows of the units it no longer sits under and joins those of its new ancestors, so a
    /// district's figures are the sum of the communes it has now, whichever rows a report reads. Runs in the caller's
    /// transaction, before the new paths are saved, and moves only sums: no response is read.
    /// </summary>
    public static async Task MoveSubtreeAsync(AppDb db, string oldPath, string newPath, CancellationToken ct = default)
    {
        await RollupFolder.FoldInTransactionAsync(db, ct);
        var subtree = await db.Units.Where(u => u.Path.StartsWith(oldPath)).ToDictionaryAsync(u => u.Id, u => new { u.Path, u.Level }, ct);
        var ids = subtree.Keys.ToList();
        var counts = new RollupCounts();
        // Each unit's own rows split by channel and respondent type (its all-channel twins follow from them), and its own rows per procedure.
        await foreach (var own in db.MonthlyRollups.AsNoTracking()
            .Where(r => ((r.Scope == MonthlyRollup.Own && r.Channel != MonthlyRollup.AllChannels) || r.Scope == MonthlyRollup.ProcedureOwn) && ids.Contains(r.UnitId))
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            // Out of every row it counted in, into every row it counts in now; the rows of ancestors it keeps cancel out.
            var unit = subtree[own.UnitId];
            counts.AddMonthly(own, RollupCounts.Lineage(unit.Path), unit.Level, -1);
            counts.AddMonthly(own, RollupCounts.Lineage(newPath + unit.Path[oldPath.Length..]), unit.Level, +1);
        }

        // The subtree's days are its root's rows by day (the whole subtree, and each level below the root) and the
        // root's own daily rows (its own level): out of the old ancestors' rows, into the new ones'.
        var root = subtree.Single(u => u.Value.Path == oldPath);
        var oldAncestors = RollupCounts.Lineage(oldPath)[..^1];
        var newAncestors = RollupCounts.Lineage(newPath)[..^1];
        // Each row as it is (split by channel and respondent type, or the twin for all); the root's own daily rows into both.
        var rootKey = root.Key;
        await foreach (var day in db.MonthlyRollups.AsNoTracking().Where(r => r.UnitId == rootKey && (r.Scope == MonthlyRollup.TreeDay || r.Scope >= MonthlyRollup.FirstBelowDay))
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            counts.AddDay(day.Scope, day.Month, day.FieldId, (int)day.Channel, day.RespondentType, day.Responses, day.Answers, oldAncestors, -1);
            counts.AddDay(day.Scope, day.Month, day.FieldId, (int)day.Channel, day.RespondentType, day.Responses, day.Answers, newAncestors, +1);
        }

        var rootLevel = MonthlyRollup.BelowDay(root.Value.Level);
        await foreach (var day in db.DailyRollups.AsNoTracking().Where(r => r.UnitId == rootKey).AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var (channel, respondentType) in RollupCounts.SplitAndAll((int)day.Channel, day.RespondentType))
            {
                counts.AddDay(rootLevel, day.Day, day.FieldId, channel, respondentType, day.Responses, day.Answers, oldAncestors, -1);
                counts.AddDay(rootLevel, day.Day, day.FieldId, channel, respondentType, day.Responses, day.Answers, newAncestors, +1);
            }
        }

        await counts.WriteAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), ct);
    }
}

/// <summary>
/// An upgrade that changed how rollups are stored leaves them empty while responses exist: rebuild them before the
/// app serves any figure — the monthly rows from the daily ones when only they were emptied (a few rows per unit and day
/// instead of every response), everything from the responses otherwise.
/// </summary>
internal sealed class RollupRebuildOnUpgrade(AppDb db, RollupRebuild rebuild) : ISeeder
{
    public int Order => 35;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.MonthlyRollups.AnyAsync(cancellationToken))
        {
            return;
        }

        if (await db.DailyRollups.AnyAsync(cancellationToken))
        {
            await rebuild.MonthlyFromDailyAsync(cancellationToken);
        }
        else if (await db.SurveyResponses.AnyAsync(r => !r.IsDeleted, cancellationToken))
        {
            await rebuild.RunAsync(cancellationToken);
        }
    }
}
