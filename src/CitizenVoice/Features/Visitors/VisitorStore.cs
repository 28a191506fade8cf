using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Visitors;

/// <summary>
/// The database side of the counts. Writes are increments ("Views = Views + this copy's delta") in one statement per
/// row, never a read followed by a write: two copies flushing at the same moment both add, whatever the order.
/// </summary>
public sealed class VisitorStore(AppDb db, WriteGate gate, TimeProvider clock, IOptions<VisitorOptions> options)
{
    // A few hundred rows per statement keeps both databases well under their parameter limits.
    private const int RowsPerStatement = 300;

    public async Task WriteAsync(VisitorBatch batch, CancellationToken ct)
    {
        if (batch.Views.Count == 0 && batch.Visitors.Count == 0)
        {
            return;
        }

        using var sqliteWriter = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Rows in key order, as every copy writes them, so that two copies' transactions on PostgreSQL take their row
        // locks in the same order and never deadlock.
        foreach (var (day, views) in batch.Views.OrderBy(v => v.Key))
        {
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "VisitDays" ("Day", "Views") VALUES ({day}, {views}) ON CONFLICT ("Day") DO UPDATE SET "Views" = "VisitDays"."Views" + excluded."Views" """, ct);
        }

        foreach (var chunk in batch.Visitors.OrderBy(v => v.Key, StringComparer.Ordinal).Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("""INSERT INTO "RecentVisitors" ("Key", "LastSeen", "SearchEngine") VALUES """);
            var parameters = new List<object>(chunk.Length * 3);
            foreach (var (key, sighting) in chunk)
            {
                var n = parameters.Count;
                sql.Append(n == 0 ? "(" : ", (").Append('{').Append(n).Append("}, {").Append(n + 1).Append("}, {").Append(n + 2).Append("})");
                parameters.AddRange([key, sighting.LastSeen, sighting.SearchEngine]);
            }

            // A visitor seen by two copies keeps the later time, whichever copy writes last.
            sql.Append(""" ON CONFLICT ("Key") DO UPDATE SET "LastSeen" = CASE WHEN excluded."LastSeen" > "RecentVisitors"."LastSeen" """)
                .Append(""" THEN excluded."LastSeen" ELSE "RecentVisitors"."LastSeen" END, "SearchEngine" = excluded."SearchEngine" """);
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>Forgets visitors older than the window, then reads every copy's figures.</summary>
    public async Task<StoredFigures> ReadAsync(CancellationToken ct)
    {
        var since = clock.GetUtcNow().ToUnixTimeSeconds() - (long)options.Value.OnlineWindow.TotalSeconds;
        using (await gate.EnterAsync(ct))
        {
            await db.RecentVisitors.Where(v => v.LastSeen <= since).ExecuteDeleteAsync(ct);
        }

        var today = VietnamTime.Today(clock);
        var month = new DateOnly(today.Year, today.Month, 1);
        var total = await db.VisitDays.SumAsync(d => d.Views, ct);
        var days = await db.VisitDays.AsNoTracking().Where(d => d.Day >= month).ToDictionaryAsync(d => d.Day, d => d.Views, ct);
        var online = await db.RecentVisitors.Where(v => v.LastSeen > since).GroupBy(v => v.SearchEngine)
            .Select(g => new { SearchEngine = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        return new StoredFigures(total, days,
            online.Where(o => o.SearchEngine).Sum(o => o.Count), online.Where(o => !o.SearchEngine).Sum(o => o.Count));
    }
}
