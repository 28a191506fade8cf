using System.Collections.Concurrent;
using System.Globalization;
using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// The unit tree as it stood on a past day: the units in service that day, under the parents and with the names they
/// had then. A report on a period that ended before a reorganisation shows the structure of that period — the results
/// for 2022 list Bắc Kạn's districts and "Công an xã Vân Tùng", even after the districts were abolished and the
/// communes merged — while figures for the same period still count in today's successors when today's units are asked
/// for. Built from <see cref="Unit.ValidFrom"/>/<see cref="Unit.ValidTo"/>, the successors of merged units, and the
/// name and parent histories that renames, moves and merges write.
/// </summary>
public sealed class UnitsOnDate
{
    /// <summary>A unit as it was on the day, with its path in the tree of that day ("/1/4/37/").</summary>
    public sealed record Entry(int Id, string Code, string Name, UnitLevel Level, int? ParentId, string Path);

    private readonly Dictionary<int, Entry> _inService;
    private readonly Dictionary<int, int> _answeredBy;
    private readonly Dictionary<int, int> _successorOf;
    private readonly Dictionary<int, string> _pathNow;
    private readonly HashSet<int> _changed;

    private UnitsOnDate(DateOnly day, Dictionary<int, Entry> inService, Dictionary<int, int> answeredBy, Dictionary<int, int> successorOf,
        Dictionary<int, string> pathNow, Dictionary<int, DateOnly> closedOn)
    {
        Day = day;
        _inService = inService;
        _answeredBy = answeredBy;
        _successorOf = successorOf;
        _pathNow = pathNow;
        _changed = Changed(closedOn);
    }

    public DateOnly Day { get; }

    public IReadOnlyCollection<Entry> Units => _inService.Values;

    public Entry? Find(int id) => _inService.GetValueOrDefault(id);

    public Entry? Find(string code) => _inService.Values.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The unit in service on the day that a unit's responses count in: itself, or the unit it had been merged into by then.</summary>
    public int? AnsweredBy(int unitId) => _answeredBy.TryGetValue(unitId, out var owner) ? owner : null;

    /// <summary>Every unit whose responses count in <paramref name="unit"/> with its sub-units, as the tree stood on the day.</summary>
    public List<int> SubtreeIds(Entry unit) =>
        [.. _answeredBy.Where(a => _inService[a.Value].Path.StartsWith(unit.Path, StringComparison.Ordinal)).Select(a => a.Key)];

    /// <summary>
    /// Whether a unit of the day counts, with its sub-units, the units under it in today's tree and those of the units
    /// merged into it by the day: nothing moved into or out of it since. Then today's subtree rollups of the unit and of
    /// those predecessors give its figure for a period ending on the day, and only the units a reorganisation touched
    /// are summed from their own rows — after a thousand communes are merged, the nation, its provinces and the communes
    /// that took the others in still read as few rows as before.
    /// </summary>
    public bool CountsAsToday(int unitId) => !_changed.Contains(unitId);

    /// <summary>
    /// The units of the day that would count other units that way: for every unit, the units it counted in on the day
    /// (the ancestors of the unit that answered for it) against those it counts in by today's tree (its ancestors now,
    /// and each one's successors by merges made by the day); a unit in one list and not the other counts differently.
    /// </summary>
    private HashSet<int> Changed(Dictionary<int, DateOnly> closedOn)
    {
        static IEnumerable<int> IdsOf(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture));
        var changed = new HashSet<int>();
        foreach (var (unitId, owner) in _answeredBy)
        {
            var then = IdsOf(_inService[owner].Path).ToHashSet();
            var now = new HashSet<int>();
            foreach (var ancestor in IdsOf(_pathNow[unitId]))
            {
                now.Add(ancestor);
                for (var (id, seen) = (ancestor, 0); closedOn.GetValueOrDefault(id, DateOnly.MaxValue) <= Day
                    && _successorOf.TryGetValue(id, out var next) && seen < 50; (id, seen) = (next, seen + 1))
                {
                    now.Add(next);
                }
            }

            then.SymmetricExceptWith(now);
            changed.UnionWith(then);
        }

        return changed;
    }

    /// <summary>
    /// Whether a unit of the day is inside <paramref name="pathNow"/> of today's tree: the unit that answers for it now
    /// (itself, or the end of its chain of successors) is. A leader sees the past of the units they answer for today.
    /// </summary>
    public bool IsWithinToday(Entry unit, string pathNow)
    {
        var id = unit.Id;
        for (var seen = 0; _successorOf.TryGetValue(id, out var next) && seen < 50; seen++)
        {
            id = next;
        }

        return _pathNow.TryGetValue(id, out var path) && path.StartsWith(pathNow, StringComparison.Ordinal);
    }

    /// <summary>Whether some unit opened, closed or moved after the day (two quick reads).</summary>
    private static async Task<bool> ChangedAfterAsync(AppDb db, DateOnly day, CancellationToken ct) =>
        await db.Units.AnyAsync(u => u.ValidFrom > day || u.ValidTo > day, ct) || await db.UnitParentHistory.AnyAsync(p => p.ValidTo > day, ct);

    private static async Task<UnitsOnDate?> BuildAsync(AppDb db, DateOnly day, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking()
            .Select(u => new { u.Id, u.Code, u.Name, u.NameEn, u.Level, u.ParentId, u.Path, u.ValidFrom, u.ValidTo, u.SuccessorId }).ToListAsync(ct);
        var inService = units.Where(u => u.ValidFrom <= day && (u.ValidTo is null || u.ValidTo > day)).ToDictionary(u => u.Id);
        if (inService.Count == 0)
        {
            return null;
        }

        // The parent and the name each unit had on the day: the earliest record that ends after it, else today's.
        var parents = (await db.UnitParentHistory.AsNoTracking().Where(p => p.ValidTo > day).ToListAsync(ct))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.MinBy(p => p.ValidTo)!.ParentId);
        var names = (await db.UnitNameHistory.AsNoTracking().Where(n => n.ValidTo > day && (n.ValidFrom == null || n.ValidFrom <= day)).ToListAsync(ct))
            .GroupBy(n => n.UnitId).ToDictionary(g => g.Key, g => g.MinBy(n => n.ValidTo)!);
        int? ParentOn(int id) => parents.TryGetValue(id, out var p) ? p : inService[id].ParentId;

        var entries = new Dictionary<int, Entry>();
        string PathOf(int id)
        {
            var ids = new List<int>();
            for (int? u = id; u is { } current && inService.ContainsKey(current) && ids.Count < 50; u = ParentOn(current))
            {
                ids.Add(current);
            }

            ids.Reverse();
            return "/" + string.Join('/', ids) + "/";
        }

        foreach (var u in inService.Values)
        {
            var parent = ParentOn(u.Id) is { } p && inService.ContainsKey(p) ? p : (int?)null;
            // A former name shows in English as it was kept, else made as the unit's own is (a name of another shape as written).
            var name = names.TryGetValue(u.Id, out var former)
                ? LocalName.Of(former.Name, former.NameEn ?? (u.NameEn is null ? null : OrganisationSeed.EnglishNameOf(former.Name, former.AreaType)))
                : LocalName.Of(u.Name, u.NameEn);
            entries[u.Id] = new Entry(u.Id, u.Code, name, u.Level, parent, PathOf(u.Id));
        }

        // Units closed by the day answer through their chain of successors to the first unit in service on the day;
        // units opened after the day answer for nothing then.
        var successorOf = units.Where(u => u.SuccessorId != null).ToDictionary(u => u.Id, u => u.SuccessorId!.Value);
        var answeredBy = new Dictionary<int, int>();
        foreach (var u in units)
        {
            var id = u.Id;
            for (var seen = 0; !entries.ContainsKey(id) && successorOf.TryGetValue(id, out var next) && seen < 50; seen++)
            {
                id = next;
            }

            if (entries.ContainsKey(id) && (id == u.Id || u.ValidTo <= day))
            {
                answeredBy[u.Id] = id;
            }
        }

        return new UnitsOnDate(day, entries, answeredBy, successorOf, units.ToDictionary(u => u.Id, u => u.Path),
            units.Where(u => u.ValidTo != null).ToDictionary(u => u.Id, u => u.ValidTo!.Value));
    }

    /// <summary>
    /// The trees of past days, kept between requests. Once any reorganisation exists, every results page builds the
    /// tree of the day a year before its period's end for its comparison with last year: all units with their name and
    /// parent histories, some 10 ms of CPU for a national tree of 3,400 units, on every page. A kept tree is used while
    /// the counts that change with every change of the tree are the same (units, units closed, parent and name records:
    /// a merge, move, rename or new unit changes one), so every copy of the app sees a change at once; an English name
    /// corrected on a unit's page, which writes no record, shows within ten minutes. Kept per language, as the names are.
    /// </summary>
    public sealed class Cache(TimeProvider clock)
    {
        private readonly ConcurrentDictionary<(DateOnly Day, string Language), (string Version, DateTimeOffset At, UnitsOnDate? Tree)> _trees = new();

        /// <summary>
        /// The tree on <paramref name="day"/>, or null when today's tree already is that tree (no unit opened, closed or
        /// moved after the day: the usual case, and the one the rollups' subtree rows answer directly), or when no unit
        /// was in service on the day (an organisation entered into the system after the period: its responses count in
        /// today's units).
        /// </summary>
        public async Task<UnitsOnDate?> GetAsync(AppDb db, DateOnly day, CancellationToken ct)
        {
            if (!await ChangedAfterAsync(db, day, ct))
            {
                return null;
            }

            var version = string.Join(' ', await db.Units.CountAsync(ct), await db.Units.CountAsync(u => u.ValidTo != null, ct),
                await db.UnitParentHistory.CountAsync(ct), await db.UnitNameHistory.CountAsync(ct));
            var key = (day, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            var now = clock.GetUtcNow();
            if (_trees.TryGetValue(key, out var kept) && kept.Version == version && now - kept.At < TimeSpan.FromMinutes(10))
            {
                return kept.Tree;
            }

            var tree = await BuildAsync(db, day, ct);
            if (_trees.Count >= 200)
            {
                // Days asked for are few (a period's end and the year before); a crawler asking for every day is not kept.
                _trees.Clear();
            }

            _trees[key] = (version, now, tree);
            return tree;
        }
    }
}
