using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// Folds the pending increments (<see cref="PendingRollup"/>) into the rollup rows by month and by day, in one
/// transaction that also deletes them, so each counts exactly once. Why they wait (see <see cref="SurveyWriter"/>):
/// nearly every response adds to the same rows of its district and the province, and to twenty-odd rows in all. Folded
/// once a second, a row is rewritten once for thousands of responses instead of once per batch. The daily rows — what
/// the check compares with the responses — stay in each response's transaction. Readers of the rollup rows (reports,
/// the check, a unit move) fold first, so no figure ever misses a response. Runs once a second as a background service.
/// </summary>
public sealed class PendingRollupFold(IServiceScopeFactory scopes, WriteGate gate, AppMetrics metrics, ILogger<PendingRollupFold> log) : BackgroundService
{
    /// <summary>
    /// SQLite: one fold at a time in this process; two would read the same increments and the second would only find,
    /// under the write lock, that it must read again.
    /// </summary>
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>How many times the SQLite fold reads again because someone else changed the rows it read, before it folds under the write lock.</summary>
    private const int OptimisticAttempts = 3;

    /// <summary>
    /// Folds whatever is pending (one cheap query when nothing is) in a transaction of its own. On PostgreSQL the
    /// pending rows are locked as they are read, so concurrent folds (of any node) take turns and none folds an
    /// increment twice. On SQLite see <see cref="FoldSqliteAsync"/>. Returns the number of writer batches folded.
    /// </summary>
    public async Task<int> FoldAsync(AppDb db, CancellationToken ct = default)
    {
        if (!await db.PendingRollups.AnyAsync(ct))
        {
            return 0;
        }

        if (db.Database.IsSqlite())
        {
            return await FoldSqliteAsync(db, ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var folded = await FoldPendingAsync(db, ct);
        await transaction.CommitAsync(ct);
        return folded;
    }

    /// <summary>Folds whatever is pending in the caller's transaction: a unit move folds before it shifts rows.</summary>
    internal static Task FoldInTransactionAsync(AppDb db, CancellationToken ct) => FoldPendingAsync(db, ct);

    private static async Task<int> FoldPendingAsync(AppDb db, CancellationToken ct)
    {
        var pending = db.Database.IsNpgsql()
            ? await db.PendingRollups.FromSqlRaw($"SELECT * FROM \"{PendingRollupConfiguration.Table}\" ORDER BY \"Id\" FOR UPDATE").AsNoTracking().ToListAsync(ct)
            : await db.PendingRollups.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }

        var sums = new RollupSums();
        sums.AddPending(pending.Select(p => p.Increments), await UnitsAsync(db, ct));
        await RollupStore.WriteAsync(sums, db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), ct);
        var ids = pending.Select(p => p.Id).ToList();
        await db.PendingRollups.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
        return pending.Count;
    }

    private static Task<Dictionary<int, (int[] Lineage, UnitLevel Level)>> UnitsAsync(AppDb db, CancellationToken ct) =>
        db.Units.AsNoTracking().Select(u => new { u.Id, u.Path, u.Level }).ToDictionaryAsync(u => u.Id, u => (RollupRule.Lineage(u.Path), u.Level), ct);

    /// <summary>
    /// SQLite has one write lock, which the survey writer needs about every 15 ms: a fold that merged a second's rows
    /// while holding it stalled the writer (p99 240 ms). So the fold reads the pending increments and the rows they
    /// change in a read transaction (WAL readers do not block the writer), computes the finished rows there, and takes
    /// the lock only to write them. Whoever else changes those rows in between (a move, a deletion, a rebuild, another
    /// fold) advances the epoch (<see cref="RollupEpoch"/>) in the same transaction; the fold sees it under the lock
    /// and reads again, and after a few tries folds under the lock as PostgreSQL does. Folds of this process take turns.
    /// </summary>
    private async Task<int> FoldSqliteAsync(AppDb db, CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        using var folding = new Turn(_turn);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            for (var attempt = 1; attempt <= OptimisticAttempts; attempt++)
            {
                long epoch, last;
                int folded;
                List<object?[]> totals;
                await using (var snapshot = connection.BeginTransaction(deferred: true))
                {
                    await db.Database.UseTransactionAsync(snapshot, ct);
                    epoch = await RollupEpoch.ReadAsync(connection, snapshot, ct);
                    var pending = await db.PendingRollups.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
                    if (pending.Count == 0)
                    {
                        return 0;
                    }

                    (last, folded) = (pending[^1].Id, pending.Count);
                    var sums = new RollupSums();
                    sums.AddPending(pending.Select(p => p.Increments), await UnitsAsync(db, ct));
                    totals = RollupStore.Totals(sums, connection, snapshot);
                    await db.Database.UseTransactionAsync(null, ct);
                }

                using var turn = await gate.EnterAsync(ct);
                await using var transaction = connection.BeginTransaction();
                if (await RollupEpoch.ReadAsync(connection, transaction, ct) != epoch)
                {
                    continue; // Rows changed since they were read: read them again.
                }

                await RollupStore.WriteTotalsAsync(connection, transaction, totals, ct);
                await using (var delete = connection.CreateCommand())
                {
                    // Rows added since the read have higher ids: rowids grow while the ones read are still there.
                    delete.Transaction = transaction;
                    delete.CommandText = $"DELETE FROM \"{PendingRollupConfiguration.Table}\" WHERE \"Id\" <= {last}";
                    await delete.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
                return folded;
            }

            using (await gate.EnterAsync(ct))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var folded = await FoldPendingAsync(db, ct);
                await transaction.CommitAsync(ct);
                return folded;
            }
        }
        finally
        {
            await db.Database.UseTransactionAsync(null, ct);
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Once a second.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                if (await FoldAsync(db, stoppingToken) is > 0 and var folded)
                {
                    metrics.FoldedIncrements.Add(folded);
                    metrics.FoldDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            #pragma warning disable CA1031 // A failed fold leaves the increments pending for the next tick; the background service must not stop.
            catch (Exception e)
            #pragma warning restore CA1031
            {
                // The increments stay pending: the next tick or the next reader folds them.
                log.LogWarning(e, "Folding pending rollup increments failed");
            }
        }
    }

    public override void Dispose()
    {
        _turn.Dispose();
        base.Dispose();
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }
}
