using System.Net;
using CitizenVoice.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CitizenVoice.Features.Staff;

public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    /// <summary>Wrong passwords for one account from one address before that address is locked out of that account.</summary>
    public int FailuresPerAccountFromAddress { get; set; } = 5;

    /// <summary>Wrong passwords from one address, for any accounts, before the address may not try at all.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>How long failures are counted, and how long a lockout lasts.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest a wrong password's answer is held back.</summary>
    public TimeSpan MaxFailureDelay { get; set; } = TimeSpan.FromSeconds(3);
}

/// <summary>
/// Slows and stops password guessing without letting a stranger keep someone else out. Counting per account alone
/// (the usual lockout) would let anyone lock a leader's account with five wrong passwords, so the hard limits are
/// per address: one address may get one account's password wrong a few times (then that address is locked out of that
/// account), and any accounts' passwords wrong a few more times (then it may not try at all). Per account, wrong
/// passwords from everywhere make the next wrong answers slower, never the right one refused.
/// Counts live in Redis when it is configured, so a guesser whose tries a proxy spreads over several copies of the app
/// meets the same limits as against one; otherwise (and while Redis does not answer) each copy counts in memory.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock, RedisConnection? redis = null)
    : IDisposable
{
    private const int AccountFailuresBeforeDelay = 10;

    // Bounded, so a flood of made-up names and addresses cannot grow it without end; the oldest counts go first.
    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = 100_000, CompactionPercentage = 0.2 });

    public enum Verdict
    {
        Allowed,
        AccountLockedForAddress,
        AddressBlocked,
    }

    private sealed class Count(DateTimeOffset start)
    {
        private int _value;

        public DateTimeOffset Start { get; } = start;

        public int Value => Volatile.Read(ref _value);

        public int Increment() => Interlocked.Increment(ref _value);
    }

    private SignInThrottleOptions Options => options.Value;

    /// <summary>Whether this address may try this account's password now.</summary>
    public async Task<Verdict> CheckAsync(IPAddress? address, string userName)
    {
        var counts = await CurrentAsync([AddressKey(address), PairKey(address, userName)]);
        if (counts[0] >= Options.FailuresPerAddress)
        {
            return Verdict.AddressBlocked;
        }

        return counts[1] >= Options.FailuresPerAccountFromAddress ? Verdict.AccountLockedForAddress : Verdict.Allowed;
    }

    /// <summary>Counts a wrong password (or an unknown name) and says how long to hold the answer back.</summary>
    public async Task<TimeSpan> FailedAsync(IPAddress? address, string userName)
    {
        var counts = await IncrementAsync([AddressKey(address), PairKey(address, userName), AccountKey(userName)]);
        var (fromAddress, onAccount) = (counts[0], counts[2]);

        // Progressive: from the third failure of an address a quarter second, doubling; from the tenth failure on an
        // account (from anywhere) half a second more each time.
        var byAddress = fromAddress < 3 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(250 * Math.Pow(2, Math.Min(fromAddress - 3, 10)));
        var byAccount = onAccount < AccountFailuresBeforeDelay ? TimeSpan.Zero : TimeSpan.FromMilliseconds(500 * (onAccount - AccountFailuresBeforeDelay + 1));
        var delay = byAddress > byAccount ? byAddress : byAccount;
        return delay < Options.MaxFailureDelay ? delay : Options.MaxFailureDelay;
    }

    /// <summary>The right password: this address's failures on this account are forgotten.</summary>
    public async Task SucceededAsync(IPAddress? address, string userName)
    {
        var key = PairKey(address, userName);
        _counts.Remove(key);
        if (redis is not null)
        {
            await redis.TryAsync(async db => (object)await db.KeyDeleteAsync(SharedKey(key)));
        }
    }

    /// <summary>Whole minutes until a lockout started now ends, for the message.</summary>
    public int WindowMinutes => (int)Math.Ceiling(Options.Window.TotalMinutes);

    private async Task<int[]> CurrentAsync(string[] keys) =>
        redis is not null && await redis.TryAsync(db => db.StringGetAsync([.. keys.Select(SharedKey)])) is { } values
            ? [.. values.Select(v => v.HasValue ? (int)v : 0)]
            : [.. keys.Select(Current)];

    // Each count starts its window at its first failure, as the in-memory counts do.
    private async Task<int[]> IncrementAsync(string[] keys) =>
        redis is not null && await redis.IncrementAsync([.. keys.Select(SharedKey)], Options.Window) is { } counts
            ? [.. counts.Select(c => (int)c)]
            : [.. keys.Select(Increment)];

    private int Current(string key) =>
        _counts.TryGetValue(key, out Count? count) && count is not null && clock.GetUtcNow() - count.Start < Options.Window ? count.Value : 0;

    private int Increment(string key)
    {
        var now = clock.GetUtcNow();
        if (!_counts.TryGetValue(key, out Count? count) || count is null || now - count.Start >= Options.Window)
        {
            count = new Count(now);
            _counts.Set(key, count, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Options.Window });
        }

        return count.Increment();
    }

    private static RedisKey SharedKey(string key) => "citizenvoice:signin:" + key;

    private static string AddressKey(IPAddress? address) => "a:" + (address?.ToString() ?? "unknown");

    private static string AccountKey(string userName) => "u:" + userName.Trim().ToUpperInvariant();

    private static string PairKey(IPAddress? address, string userName) => "p:" + (address?.ToString() ?? "unknown") + "\n" + userName.Trim().ToUpperInvariant();

    public void Dispose() => _counts.Dispose();
}
