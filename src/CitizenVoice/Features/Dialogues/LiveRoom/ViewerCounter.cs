using System.Collections.Concurrent;
using System.Globalization;
using CitizenVoice.Infrastructure;
using StackExchange.Redis;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// Viewers per session. Each copy of the app counts its own connections exactly; with Redis configured, it also
/// publishes its share every few seconds with an expiry, and the number shown is the sum over the copies whose share has
/// not expired. A copy that dies stops publishing and its viewers (who reconnect elsewhere) drop out of the sum.
/// </summary>
public sealed class ViewerCounter
{
    /// <summary>How often a copy publishes its share, and how long a share counts without being published again.</summary>
    public static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan ShareLifetime = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _clock;
    private readonly RedisConnection? _redis;
    private readonly string _copy = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<int, int> _counts = new();

    // Other copies' shares per session, read at most once a second per session: a question pushed to thousands of
    // viewers costs one Redis read, not one per viewer.
    private readonly ConcurrentDictionary<int, (long ReadAt, int Others)> _others = new();

    public ViewerCounter(TimeProvider clock, AppMetrics metrics, RedisConnection? redis = null)
    {
        _clock = clock;
        _redis = redis;
        metrics.Meter.CreateObservableGauge("citizenvoice.live_room.viewers", () => _counts.Values.Sum(), "{connection}", "Live-room viewers connected to this copy.");
    }

    public void Add(int sessionId) => _counts.AddOrUpdate(sessionId, 1, (_, n) => n + 1);

    public void Remove(int sessionId) => _counts.AddOrUpdate(sessionId, 0, (_, n) => Math.Max(0, n - 1));

    /// <summary>Viewers on this copy alone.</summary>
    public int Here(int sessionId) => _counts.GetValueOrDefault(sessionId);

    /// <summary>Viewers on every copy: this copy's exact count plus the others' latest shares.</summary>
    public async Task<int> OfAsync(int sessionId)
    {
        var here = Here(sessionId);
        if (_redis is null)
        {
            return here;
        }

        var now = _clock.GetTimestamp();
        if (_others.TryGetValue(sessionId, out var cached) && _clock.GetElapsedTime(cached.ReadAt, now) < TimeSpan.FromSeconds(1))
        {
            return here + cached.Others;
        }

        if (await _redis.TryAsync(db => db.HashGetAllAsync(Key(sessionId))) is not { } shares)
        {
            return here;
        }

        var nowSeconds = _clock.GetUtcNow().ToUnixTimeSeconds();
        var others = shares.Where(s => s.Name != _copy).Select(s => Parse(s.Value)).Sum(p => p is { } share && share.ExpiresAt > nowSeconds ? share.Count : 0);
        _others[sessionId] = (now, others);
        return here + others;
    }

    /// <summary>Publishes this copy's share of every session it has (or just had) viewers of.</summary>
    public async Task PublishAsync()
    {
        if (_redis is null)
        {
            return;
        }

        var expiresAt = _clock.GetUtcNow().Add(ShareLifetime).ToUnixTimeSeconds();
        foreach (var (sessionId, count) in _counts)
        {
            var published = await _redis.TryAsync(async db =>
            {
                await db.HashSetAsync(Key(sessionId), _copy, $"{count}|{expiresAt.ToString(CultureInfo.InvariantCulture)}");
                return (object)await db.KeyExpireAsync(Key(sessionId), TimeSpan.FromHours(1));
            });
            if (published is not null && count == 0)
            {
                // Published once as zero, so the others stop counting this copy's viewers now rather than at expiry.
                _counts.TryRemove(new KeyValuePair<int, int>(sessionId, 0));
            }
        }
    }

    private static RedisKey Key(int sessionId) => $"citizenvoice:viewers:{sessionId}";

    private static (int Count, long ExpiresAt)? Parse(RedisValue value)
    {
        var parts = value.ToString().Split('|');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var count)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var expiresAt)
            ? (count, expiresAt)
            : null;
    }
}

/// <summary>Publishes this copy's viewer shares while the app runs (only when Redis joins the copies).</summary>
internal sealed class ViewerSharePublisher(ViewerCounter viewers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Redis being down is logged by the connection; the next tick publishes again.
        using var timer = new PeriodicTimer(ViewerCounter.PublishEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await viewers.PublishAsync();
        }
    }
}
