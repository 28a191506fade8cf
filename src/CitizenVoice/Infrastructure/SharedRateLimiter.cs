using System.Threading.RateLimiting;

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
internal sealed class SharedRateLimiter(RedisConnection redis, string key, FixedWindowRateLimiterOptions limit, TimeProvider clock)
    : RateLimiter
{
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
        if (await redis.IncrementAsync([$"citizenvoice:rate:{key}:{window}"], limit.Window * 2) is not [var count])
        {
            return await _fallback.AcquireAsync(permitCount, cancellationToken);
        }

        return count <= limit.PermitLimit ? Lease.Granted : Lease.Refused(TimeSpan.FromMilliseconds((window + 1) * windowMs - now));
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
