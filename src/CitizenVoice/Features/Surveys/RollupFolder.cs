using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// A batch's daily increments (<see cref="RollupCounts.PendingText"/>), stored by the survey writer in the batch's own
/// transaction and counted into the monthly and by-day rows soon after by <see cref="RollupFolder"/>.
/// </summary>
public sealed class PendingRollup
{
    public long Id { get; set; }
    public string Increments { get; set; } = "";
}

/// <summary>
/// Folds the pending increments into the monthly and by-day rows, in one transaction that also deletes them, so each
/// counts exactly once. Why they wait (on PostgreSQL, see <see cref="SurveyWriter"/>): nearly every response adds to the
/// same few rows of its district and the province, and the writer's lanes queued behind each other's locks on them.
/// Folded once a second, a row is rewritten once for thousands of responses. The daily rows — what the issue and the
/// check call the rollup — stay in each response's transaction.
/// Readers of the monthly rows (reports, the check, a unit move) fold first, so no figure ever misses a response.
/// </summary>
public sealed class RollupFolder(IServiceScopeFactory scopes, IOptions<DatabaseOptions> database, ILogger<RollupFolder> log) : BackgroundService
{
    /// <summary>
    /// Folds whatever is pending (one cheap query when nothing is), in the caller's transaction if it has one (a unit
    /// move folds before it shifts rows), else in its own. Concurrent folds take turns: on SQLite a transaction takes
    /// the write lock when it begins, on PostgreSQL the pending rows are locked as they are read, so no increment is
    /// folded twice and a reader that waited sees the other's fold.
    /// </summary>
    public static async Task FoldAsync(AppDb db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await FoldPendingAsync(db, ct);
            return;
        }

        if (!await db.PendingRollups.AnyAsync(ct))
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await FoldPendingAsync(db, ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task FoldPendingAsync(AppDb db, CancellationToken ct)
    {
        var pending = db.Database.IsNpgsql()
            ? await db.PendingRollups.FromSqlRaw($"SELECT * FROM \"{PendingRollupConfiguration.Table}\" ORDER BY \"Id\" FOR UPDATE").AsNoTracking().ToListAsync(ct)
            : await db.PendingRollups.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return;
        }

        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path, u.Level })
            .ToDictionaryAsync(u => u.Id, u => (RollupCounts.Lineage(u.Path), u.Level), ct);
        var counts = new RollupCounts();
        foreach (var batch in pending)
        {
            counts.AddPending(batch.Increments, units);
        }

        await counts.WriteAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), ct);
        var ids = pending.Select(p => p.Id).ToList();
        await db.PendingRollups.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>Once a second, on PostgreSQL (the only engine whose writer leaves increments pending).</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.Value.IsPostgres)
        {
            return; // SQLite's writer leaves nothing pending (SurveyWriter); readers still fold, should a row ever be there.
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDb>();
                await FoldAsync(db, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // The increments stay pending: the next tick or the next reader folds them.
                log.LogWarning(e, "Folding pending rollup increments failed");
            }
        }
    }
}
