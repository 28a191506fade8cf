using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using CitizenVoice.Infrastructure;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Visitors;

/// <summary>What the box shows.</summary>
public sealed record VisitorFigures(long OnlineSearchEngines, long OnlineVisitors, long Today, long ThisMonth, long Total)
{
    public long Online => OnlineSearchEngines + OnlineVisitors;
}

/// <summary>The figures in the database as a flush last read them: every copy's views and recent visitors.</summary>
public sealed record StoredFigures(long Total, IReadOnlyDictionary<DateOnly, long> Days, long OnlineSearchEngines, long OnlineVisitors)
{
    public static readonly StoredFigures None = new(0, new Dictionary<DateOnly, long>(), 0, 0);
}

/// <summary>One flush's share: views by day and visitors by key, with when each was last seen (Unix seconds).</summary>
public sealed record VisitorBatch(IReadOnlyDictionary<DateOnly, long> Views, IReadOnlyDictionary<string, VisitorSighting> Visitors);

public readonly record struct VisitorSighting(long LastSeen, bool SearchEngine);

/// <summary>
/// This copy's counts, kept in memory so that a page view costs a few dictionary operations and never a database
/// round trip. <see cref="VisitorFlushService"/> periodically hands them to the database as increments and reads back
/// the stored figures. What the box shows is the stored figures plus what this copy has counted since it read them,
/// in three stages (counted, being written, written but read before): each view is in exactly one of them or in the
/// stored figures, so the box neither loses nor doubles a view around a flush.
/// </summary>
public sealed class VisitorCounter(TimeProvider clock, IOptions<VisitorOptions> options)
{
    /// <summary>
    /// At most this many distinct visitors are remembered between two flushes (and as clients without cookies): a flood
    /// of requests with made-up cookies still counts its views, but cannot grow memory or the table without bound.
    /// </summary>
    internal const int MaxVisitorsPerFlush = 50_000;

    private readonly Lock _gate = new();
    private readonly long _windowSeconds = (long)options.Value.OnlineWindow.TotalSeconds;
    private byte[]? _key;

    private Dictionary<DateOnly, long> _countedViews = [];
    private readonly Dictionary<DateOnly, long> _writingViews = [];
    private readonly Dictionary<DateOnly, long> _writtenViews = [];

    private Dictionary<string, VisitorSighting> _countedVisitors = [];
    private readonly Dictionary<string, VisitorSighting> _writingVisitors = [];

    // Visitors this copy has written within the window: seen again, they are not new to the stored figures.
    private readonly Dictionary<string, long> _writtenVisitors = [];

    // Visitors the stored figures do not have yet, by stage: [search engines, others].
    private readonly long[] _newCounted = new long[2];
    private readonly long[] _newWriting = new long[2];
    private readonly long[] _newWritten = new long[2];

    // Address-and-agent hashes of browsers that came without a cookie, and when: one that comes again without one keeps none.
    private readonly Dictionary<string, long> _withoutCookie = [];

    private StoredFigures _stored = StoredFigures.None;

    public bool HasKey => _key is not null;

    /// <summary>Given at start, by the first flush, the key every copy shares (<see cref="VisitorFlushService"/>).</summary>
    public void UseKey(byte[] key) => _key = key;

    /// <summary>
    /// The stored form of a visitor id: a keyed hash (HMAC-SHA-256, 128 bits kept), so that the table holds nothing
    /// that could be turned back into an address or a cookie without the key, which stays outside the database in clear.
    /// </summary>
    public string? Hash(string kind, string value)
    {
        if (_key is not { } key)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(kind + "\n" + value), hash);
        return Convert.ToHexString(hash[..16]);
    }

    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A page view on the Vietnam day it happens, by a visitor (null when no key is loaded yet).</summary>
    public DateOnly Count(string? visitor, bool searchEngine)
    {
        var day = VietnamTime.Today(clock);
        var now = Now;
        lock (_gate)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_countedViews, day, out _)++;
            if (visitor is not null && (_countedVisitors.ContainsKey(visitor) || _countedVisitors.Count < MaxVisitorsPerFlush))
            {
                ref var sighting = ref CollectionsMarshal.GetValueRefOrAddDefault(_countedVisitors, visitor, out var seenSinceFlush);
                if (!seenSinceFlush && !_writingVisitors.ContainsKey(visitor)
                    && !(_writtenVisitors.TryGetValue(visitor, out var written) && written > now - _windowSeconds))
                {
                    _newCounted[searchEngine ? 0 : 1]++;
                }

                sighting = new VisitorSighting(now, searchEngine);
            }
        }

        return day;
    }

    /// <summary>Takes back a view counted before the page turned out not to be shown (an error, a redirect).</summary>
    public void Retract(DateOnly day)
    {
        lock (_gate)
        {
            // Possibly below zero if a flush took the view meanwhile: the next flush then adds -1, which is exact.
            CollectionsMarshal.GetValueRefOrAddDefault(_countedViews, day, out _)--;
        }
    }

    /// <summary>
    /// A browser without our cookie: true when the same address and agent already came without one within the window,
    /// that is, a client that keeps no cookie and would otherwise be a new visitor on every page.
    /// </summary>
    public bool KeepsNoCookie(string addressHash)
    {
        var now = Now;
        lock (_gate)
        {
            if (_withoutCookie.TryGetValue(addressHash, out var seen) && seen > now - _windowSeconds)
            {
                _withoutCookie[addressHash] = now;
                return true;
            }

            if (_withoutCookie.Count >= MaxVisitorsPerFlush)
            {
                return true;
            }

            _withoutCookie[addressHash] = now;
            return false;
        }
    }

    public VisitorFigures Figures()
    {
        var today = VietnamTime.Today(clock);
        lock (_gate)
        {
            long Day(DateOnly day) => _stored.Days.GetValueOrDefault(day)
                + _countedViews.GetValueOrDefault(day) + _writingViews.GetValueOrDefault(day) + _writtenViews.GetValueOrDefault(day);
            var month = 0L;
            for (var day = new DateOnly(today.Year, today.Month, 1); day.Month == today.Month; day = day.AddDays(1))
            {
                month += Day(day);
            }

            var total = _stored.Total + _countedViews.Values.Sum() + _writingViews.Values.Sum() + _writtenViews.Values.Sum();
            return new VisitorFigures(
                _stored.OnlineSearchEngines + _newCounted[0] + _newWriting[0] + _newWritten[0],
                _stored.OnlineVisitors + _newCounted[1] + _newWriting[1] + _newWritten[1],
                Day(today), month, total);
        }
    }

    /// <summary>What a flush writes: everything counted so far, plus what an earlier flush failed to write.</summary>
    internal VisitorBatch TakeBatch()
    {
        lock (_gate)
        {
            foreach (var (day, views) in _countedViews)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_writingViews, day, out _) += views;
            }

            foreach (var (visitor, sighting) in _countedVisitors)
            {
                ref var writing = ref CollectionsMarshal.GetValueRefOrAddDefault(_writingVisitors, visitor, out var exists);
                writing = exists && writing.LastSeen > sighting.LastSeen ? writing : sighting;
            }

            _countedViews = [];
            _countedVisitors = [];
            Move(_newCounted, _newWriting);
            return new VisitorBatch(new Dictionary<DateOnly, long>(_writingViews), new Dictionary<string, VisitorSighting>(_writingVisitors));
        }
    }

    /// <summary>The batch is committed: its counts are in the database, but not yet in the stored figures read earlier.</summary>
    internal void Written(VisitorBatch batch)
    {
        lock (_gate)
        {
            foreach (var (day, views) in batch.Views)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_writtenViews, day, out _) += views;
            }

            foreach (var (visitor, sighting) in batch.Visitors)
            {
                _writtenVisitors[visitor] = sighting.LastSeen;
            }

            _writingViews.Clear();
            _writingVisitors.Clear();
            Move(_newWriting, _newWritten);
        }
    }

    /// <summary>Stored figures read after the last commit: they include everything written, which is dropped here.</summary>
    internal void Read(StoredFigures stored)
    {
        var since = Now - _windowSeconds;
        lock (_gate)
        {
            _stored = stored;
            _writtenViews.Clear();
            Array.Clear(_newWritten);
            foreach (var old in _writtenVisitors.Where(v => v.Value <= since).Select(v => v.Key).ToList())
            {
                _writtenVisitors.Remove(old);
            }

            foreach (var old in _withoutCookie.Where(v => v.Value <= since).Select(v => v.Key).ToList())
            {
                _withoutCookie.Remove(old);
            }
        }
    }

    private static void Move(long[] from, long[] to)
    {
        to[0] += from[0];
        to[1] += from[1];
        Array.Clear(from);
    }
}
