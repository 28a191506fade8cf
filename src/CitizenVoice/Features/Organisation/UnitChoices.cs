using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

/// <summary>Active units as a picker offers them: the province and its departments first, then each district with its communes.</summary>
public static class UnitChoices
{
    public sealed record Choice(int Id, string Code, string Name, UnitLevel Level = UnitLevel.Commune);

    /// <summary>A district's (or, without districts, a province's) name heads its group; the group of units above has an empty name.</summary>
    public sealed record Group(string Name, IReadOnlyList<Choice> Units);

    public static Task<IReadOnlyList<Group>> ByDistrictAsync(AppDb db, CancellationToken ct) =>
        ByDistrictAsync(db, db.Units, ct);

    /// <summary>
    /// The active units among <paramref name="within"/> (a user's scope, the units open to a survey-team member…), grouped
    /// by district. A commune whose district is not offered still goes under its district's name, so the groups read
    /// the same on every page.
    /// </summary>
    public static async Task<IReadOnlyList<Group>> ByDistrictAsync(AppDb db, IQueryable<Unit> within, CancellationToken ct)
    {
        var units = await within.AsNoTracking().Active()
            .Select(u => new { u.Id, u.Code, Name = LocalName.Of(u.Name, u.NameEn), u.Level, u.ParentId }).ToListAsync(ct);
        var parentIds = units.Where(u => u.Level == UnitLevel.Commune && u.ParentId != null).Select(u => u.ParentId!.Value).Distinct().ToList();
        // A commune goes under the unit at the level above it: its district where there are districts, its province
        // where there are none (since 2025-07-01 communes sit straight under the province).
        var districts = await db.Units.AsNoTracking()
            .Where(u => parentIds.Contains(u.Id) && (u.Level == UnitLevel.District || u.Level == UnitLevel.Province))
            .ToDictionaryAsync(u => u.Id, u => LocalName.Of(u.Name, u.NameEn), ct);
        return Grouped(units.Select(u => (new Choice(u.Id, u.Code, u.Name, u.Level), u.ParentId)), districts);
    }

    /// <summary>
    /// The same grouping of units already read (the tree of a past day, <see cref="UnitsOnDate"/>): each commune under
    /// the name its parent has in <paramref name="heads"/> (the districts and provinces).
    /// </summary>
    public static IReadOnlyList<Group> Grouped(IEnumerable<(Choice Unit, int? ParentId)> units, IReadOnlyDictionary<int, string> heads) =>
        [.. units
            .GroupBy(u => u.Unit.Level == UnitLevel.Commune && u.ParentId is { } p && heads.TryGetValue(p, out var district) ? district
                : u.Unit.Level == UnitLevel.District ? u.Unit.Name : "", u => u.Unit)
            .OrderBy(g => g.Key.Length > 0).ThenBy(g => g.Key, Localisation.VietnameseOrder)
            .Select(g => new Group(g.Key, [.. g.OrderBy(u => u.Level).ThenBy(u => u.Name, Localisation.VietnameseOrder)]))];
}

/// <summary>
/// What the unit picker (<c>Features/Shared/_UnitPicker.cshtml</c>) draws: a native select grouped by district, which a
/// small script makes searchable by typing. Staff pages show each code too (<paramref name="ShowCode"/>), as they did before. <paramref name="ByCode"/> chooses whether the posted value is the unit's
/// code or its id.
/// </summary>
public sealed record UnitPicker(
    string Id, string Name, IReadOnlyList<UnitChoices.Group> Groups, string? Selected, string Label,
    string? EmptyText = null, bool ByCode = true, string? DescribedBy = null, bool Required = false, string? CssClass = null, bool ShowCode = false)
{
    /// <summary>
    /// Above this many units (a national tree: 3,300 communes) the picker does not send every unit with the page: it
    /// lists the units above the communes and the chosen unit, finds the others as one types (/api/v1/units/search),
    /// and without scripts opens one province's or district's group at a time (<see cref="GroupParameter"/>).
    /// </summary>
    public const int LargeList = 400;

    public string ValueOf(UnitChoices.Choice unit) => ByCode ? unit.Code : unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool IsLarge => Groups.Sum(g => g.Units.Count) > LargeList;

    /// <summary>The query parameter naming the group a large picker shows whole.</summary>
    public string GroupParameter => Id + "-nhom";
}
