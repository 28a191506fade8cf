using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// Recomputes every rollup row from the raw, non-deleted responses, under each unit's current ancestors: when the
/// check finds the rollups differ from the responses (a fault, or data changed outside the app), or when an upgrade
/// changes how rollups are stored. (Moving a unit needs no rebuild: <see cref="MoveSubtreeAsync"/> shifts its rows.)
/// One transaction: reports see the old rows until the new ones are complete, and responses arriving meanwhile wait for it (on SQLite at the write gate, on PostgreSQL at the table lock), so none is lost.
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
        await db.RollupRows.ExecuteDeleteAsync(ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path, u.Level }).ToListAsync(ct);
        long counted = 0;
        // A unit's month at a time: small enough to hold, and the (unit, field, day) index finds it.
        foreach (var unit in units)
        {
            var lineage = RollupRule.Lineage(unit.Path);
            var months = await db.SurveyResponses.Where(r => r.UnitId == unit.Id && !r.IsDeleted)
                .Select(r => new { r.Day.Year, r.Day.Month }).Distinct().ToListAsync(ct);
            foreach (var month in months)
            {
                var first = new DateOnly(month.Year, month.Month, 1);
                var next = first.AddMonths(1);
                var responses = await db.SurveyResponses.AsNoTracking()
                    .Where(r => r.UnitId == unit.Id && !r.IsDeleted && r.Day >= first && r.Day < next).ToListAsync(ct);
                var counts = new ResponseCounts();
                foreach (var response in responses)
                {
                    counts.Add(response, lineage, unit.Level);
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
    /// SQLite, a fold that read the rows before this rebuild reads them again (<see cref="RollupEpoch"/>).
    /// </summary>
    private async Task LockRollupsAsync(CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            await RollupEpoch.AdvanceAsync(sqlite, db.Database.CurrentTransaction!.GetDbTransaction(), ct);
        }
        else
        {
            // In the order every writer takes them: pending, daily, rollup rows.
            await db.Database.ExecuteSqlRawAsync(
                $"LOCK TABLE \"{PendingRollupConfiguration.Table}\", \"{DailyRollupConfiguration.Table}\", \"{RollupRowConfiguration.Table}\" IN EXCLUSIVE MODE", ct);
        }
    }

    /// <summary>
    /// Recomputes the rollup rows (by month and by day) from the daily ones, which hold the same counts by day: an
    /// upgrade that changes only those rows reads a few rows per unit and day instead of every response.
    /// </summary>
    public async Task<long> RowsFromDailyAsync(CancellationToken ct = default)
    {
        using var turn = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockRollupsAsync(ct);

        // Pending increments are already in the daily rows, which this counts again.
        await db.PendingRollups.ExecuteDeleteAsync(ct);
        await db.RollupRows.ExecuteDeleteAsync(ct);
        long counted = 0;
        var units = (await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path, u.Level }).ToListAsync(ct))
            .Select(u => (u.Id, Lineage: RollupRule.Lineage(u.Path), u.Level)).ToList();
        // The first and last day in one pass (no index leads with the day).
        var span = await db.DailyRollups.GroupBy(_ => 1).Select(g => new { First = g.Min(r => r.Day), Last = g.Max(r => r.Day) }).SingleOrDefaultAsync(ct);
        // A month at a time, every unit summed in memory, then written: each row is written once. Unit by unit, the
        // province's rows were rewritten once per unit (an upgrade of 10 M responses ran for over a quarter of an hour).
        for (var month = span is null ? default : new DateOnly(span.First.Year, span.First.Month, 1); span is not null && month <= span.Last; month = month.AddMonths(1))
        {
            var (from, next) = (month, month.AddMonths(1));
            var sums = new RollupSums();
            foreach (var (unitId, lineage, level) in units)
            {
                // The daily key starts with the unit: each unit's month is one range of it.
                await foreach (var day in db.DailyRollups.AsNoTracking().Where(r => r.UnitId == unitId && r.Day >= from && r.Day < next).AsAsyncEnumerable().WithCancellation(ct))
                {
                    sums.AddDailyRow(day, lineage, level);
                    counted += day.Responses;
                }
            }

            await RollupStore.WriteAsync(sums, db.Database.GetDbConnection(), transaction.GetDbTransaction(), ct);
        }

        await transaction.CommitAsync(ct);
        return counted;
    }

    /// <summary>
    /// A unit moves from <paramref name="oldPath"/> to <paramref name="newPath"/> with everything under it: its history
    /// leaves the subtree rows of the units it no longer sits under and joins those of its new ancestors, so a
    /// district's figures are the sum of the communes it has now, whichever rows a report reads. Runs in the caller's
    /// transaction, before the new paths are saved, and moves only sums: no response is read. Organisation calls it
    /// through <see cref="IUnitMoveListener"/> (<see cref="RollupsFollowUnitMoves"/>).
    /// </summary>
    internal static async Task MoveSubtreeAsync(AppDb db, string oldPath, string newPath, CancellationToken ct = default)
    {
        await PendingRollupFold.FoldInTransactionAsync(db, ct);
        var subtree = await db.Units.Where(u => u.Path.StartsWith(oldPath)).ToDictionaryAsync(u => u.Id, u => new { u.Path, u.Level }, ct);
        var ids = subtree.Keys.ToList();
        var sums = new RollupSums();
        // Each unit's own rows split by channel and respondent type (its all-channel twins follow from them), and its own rows per procedure.
        await foreach (var own in db.RollupRows.AsNoTracking()
            .Where(r => ((r.Scope == RollupScope.Own && r.Channel != RollupScopes.AllChannels) || r.Scope == RollupScope.ProcedureOwn) && ids.Contains(r.UnitId))
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            // Out of every row it counted in, into every row it counts in now; the rows of ancestors it keeps cancel out.
            var unit = subtree[own.UnitId];
            sums.AddOwnRow(own, RollupRule.Lineage(unit.Path), unit.Level, -1);
            sums.AddOwnRow(own, RollupRule.Lineage(newPath + unit.Path[oldPath.Length..]), unit.Level, +1);
        }

        // The subtree's days are its root's rows by day (the whole subtree, and each level below the root) and the
        // root's own daily rows (its own level): out of the old ancestors' rows, into the new ones'.
        var root = subtree.Single(u => u.Value.Path == oldPath);
        var oldAncestors = RollupRule.Lineage(oldPath)[..^1];
        var newAncestors = RollupRule.Lineage(newPath)[..^1];
        // Each row as it is (split by channel and respondent type, or the twin for all); the root's own daily rows into both.
        var rootKey = root.Key;
        var dayScopes = RollupScopes.LevelsByDay;
        await foreach (var day in db.RollupRows.AsNoTracking().Where(r => r.UnitId == rootKey && dayScopes.Contains(r.Scope))
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            sums.AddDay(day.Scope, day.Period, day.FieldId, (int)day.Channel, day.RespondentType, day.Responses, day.Answers, oldAncestors, -1);
            sums.AddDay(day.Scope, day.Period, day.FieldId, (int)day.Channel, day.RespondentType, day.Responses, day.Answers, newAncestors, +1);
        }

        var rootLevel = RollupScopes.BelowByDay(root.Value.Level);
        await foreach (var day in db.DailyRollups.AsNoTracking().Where(r => r.UnitId == rootKey).AsAsyncEnumerable().WithCancellation(ct))
        {
            foreach (var (channel, respondentType) in RollupRule.SplitAndAll((int)day.Channel, day.RespondentType))
            {
                sums.AddDay(rootLevel, day.Day, day.FieldId, channel, respondentType, day.Responses, day.Answers, oldAncestors, -1);
                sums.AddDay(rootLevel, day.Day, day.FieldId, channel, respondentType, day.Responses, day.Answers, newAncestors, +1);
            }
        }

        await RollupStore.WriteAsync(sums, db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), ct);
    }
}

/// <summary>
/// An upgrade that changed how rollups are stored leaves them empty while responses exist: rebuild them before the
/// app serves any figure — the rollup rows from the daily ones when only they were emptied (a few rows per unit and day
/// instead of every response), everything from the responses otherwise.
/// </summary>
internal sealed class RollupRebuildOnUpgrade(AppDb db, RollupRebuild rebuild) : ISeeder
{
    public int Order => 35;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.RollupRows.AnyAsync(cancellationToken))
        {
            return;
        }

        if (await db.DailyRollups.AnyAsync(cancellationToken))
        {
            await rebuild.RowsFromDailyAsync(cancellationToken);
        }
        else if (await db.SurveyResponses.AnyAsync(r => !r.IsDeleted, cancellationToken))
        {
            await rebuild.RunAsync(cancellationToken);
        }
    }
}
