using System.Threading.RateLimiting;
using StackExchange.Redis;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// A fixed-window limit for one client counted in Redis, so that several copies of the app behind a proxy allow a
/// client L requests a minute in all, not L per copy. While Redis does not answer, the copy counts on its own (the limit
/// becomes per copy) and logs that it does.
/// </summary>
/// <remarks>
/// ASP.NET Core's rate-limiting middleware first tries <see cref="RateLimiter.AttemptAcquire(int)"/> and, when that
/// is not granted, waits on <see cref="RateLimiter.AcquireAsync(int, CancellationToken)"/>. Counting in Redis is a
/// network round trip, so the synchronous attempt never grants and all counting happens in the asynchronous one.
/// </remarks>
internal sealed class SharedRateLimiter(RedisConnection redis, string key, FixedWindowRateLimiterOptions limit, SharedRateLimiterLog log, TimeProvider clock)
    : RateLimiter
{
    // INCR and the expiry of a new window's key in one step, so no key lives forever if a copy dies between the two.
    private static readonly LuaScript CountScript = LuaScript.Prepare(
        "local n = redis.call('INCR', @key) if n == 1 then redis.call('PEXPIRE', @key, @ttl) end return n");

    private readonly FixedWindowRateLimiter _fallback = new(limit);
    private long _lastUsedTicks = clock.GetTimestamp();

    public override TimeSpan? IdleDuration => clock.GetElapsedTime(Interlocked.Read(ref _lastUsedTicks));

    public override RateLimiterStatistics? GetStatistics() => _fallback.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsedTicks, clock.GetTimestamp());
        var windowMs = (long)limit.Window.TotalMilliseconds;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var window = now / windowMs;
        try
        {
            var database = await redis.ConnectedDatabaseAsync() ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Not connected.");
            var count = (long)await database.ScriptEvaluateAsync(CountScript, new { key = (RedisKey)$"citizenvoice:rate:{key}:{window}", ttl = windowMs * 2 });
            log.RedisAnswered();
            return count <= limit.PermitLimit ? Lease.Granted : Lease.Refused(TimeSpan.FromMilliseconds((window + 1) * windowMs - now));
        }
        catch (RedisException e)
        {
            log.RedisFailed(e);
            return await _fallback.AcquireAsync(permitCount, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _fallback.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease NotYet = new(false, null);

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}

/// <summary>Says once when rate limits fall back to per-copy counting and once when Redis is back, not on every request.</summary>
internal sealed class SharedRateLimiterLog(ILogger<SharedRateLimiterLog> logger)
{
    private int _failing;

    public void RedisFailed(Exception e)
    {
        if (Interlocked.Exchange(ref _failing, 1) == 0)
        {
            logger.LogWarning(e, "Redis does not answer: rate limits are counted by each copy of the app on its own until it does");
        }
    }

    public void RedisAnswered()
    {
        if (Interlocked.Exchange(ref _failing, 0) == 1)
        {
            logger.LogInformation("Redis answers again: rate limits are shared by every copy of the app");
        }
    }
}
