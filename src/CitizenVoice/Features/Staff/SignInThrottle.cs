using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

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
/// passwords from everywhere make the next wrong answers slower, never the right one refused. Counts are kept in
/// memory: each copy of the app counts its own, and a restart forgets them.
/// </summary>
public sealed class SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider clock) : IDisposable
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
    public Verdict Check(IPAddress? address, string userName)
    {
        if (Current(AddressKey(address)) >= Options.FailuresPerAddress)
        {
            return Verdict.AddressBlocked;
        }

        return Current(PairKey(address, userName)) >= Options.FailuresPerAccountFromAddress ? Verdict.AccountLockedForAddress : Verdict.Allowed;
    }

    /// <summary>Counts a wrong password (or an unknown name) and says how long to hold the answer back.</summary>
    public TimeSpan Failed(IPAddress? address, string userName)
    {
        var fromAddress = Increment(AddressKey(address));
        Increment(PairKey(address, userName));
        var onAccount = Increment(AccountKey(userName));

        // Progressive: from the third failure of an address a quarter second, doubling; from the tenth failure on an
        // account (from anywhere) half a second more each time.
        var byAddress = fromAddress < 3 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(250 * Math.Pow(2, Math.Min(fromAddress - 3, 10)));
        var byAccount = onAccount < AccountFailuresBeforeDelay ? TimeSpan.Zero : TimeSpan.FromMilliseconds(500 * (onAccount - AccountFailuresBeforeDelay + 1));
        var delay = byAddress > byAccount ? byAddress : byAccount;
        return delay < Options.MaxFailureDelay ? delay : Options.MaxFailureDelay;
    }

    /// <summary>The right password: this address's failures on this account are forgotten.</summary>
    public void Succeeded(IPAddress? address, string userName) => _counts.Remove(PairKey(address, userName));

    /// <summary>Whole minutes until a lockout started now ends, for the message.</summary>
    public int WindowMinutes => (int)Math.Ceiling(Options.Window.TotalMinutes);

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

    private static string AddressKey(IPAddress? address) => "a:" + (address?.ToString() ?? "unknown");

    private static string AccountKey(string userName) => "u:" + userName.Trim().ToUpperInvariant();

    private static string PairKey(IPAddress? address, string userName) => "p:" + (address?.ToString() ?? "unknown") + "\n" + userName.Trim().ToUpperInvariant();

    public void Dispose() => _counts.Dispose();
}
