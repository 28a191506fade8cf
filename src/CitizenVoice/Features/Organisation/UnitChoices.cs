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
    public static async Task<IReadOnlyList<Group>> ByDistrictAsync(AppDb db, IQueryable<Unit> within, CancellationToken ct) =>
        await ByDistrictAsync(db, await within.AsNoTracking().Active()
            .Select(u => new Listed(u.Id, u.Code, LocalName.Of(u.Name, u.NameEn), u.Level, u.ParentId)).ToListAsync(ct), ct);

    /// <summary>A unit as a picker needs it, with its name in the current language.</summary>
    public sealed record Listed(int Id, string Code, string Name, UnitLevel Level, int? ParentId);

    /// <summary>
    /// The same for units the caller has already read (active ones): a page that needs the units for itself too reads
    /// them once. The names of the districts and provinces that head groups are taken from the list when they are in it.
    /// </summary>
    public static async Task<IReadOnlyList<Group>> ByDistrictAsync(AppDb db, IReadOnlyList<Listed> units, CancellationToken ct)
    {
        var parentIds = units.Where(u => u.Level == UnitLevel.Commune && u.ParentId != null).Select(u => u.ParentId!.Value).ToHashSet();
        // A commune goes under the unit at the level above it: its district where there are districts, its province
        // where there are none (since 2025-07-01 communes sit straight under the province).
        static bool Heads(UnitLevel level) => level is UnitLevel.District or UnitLevel.Province;
        var districts = units.Where(u => parentIds.Contains(u.Id) && Heads(u.Level)).ToDictionary(u => u.Id, u => u.Name);
        var listed = units.Select(u => u.Id).ToHashSet();
        var missing = parentIds.Where(id => !listed.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var (id, name) in await db.Units.AsNoTracking()
                .Where(u => missing.Contains(u.Id) && (u.Level == UnitLevel.District || u.Level == UnitLevel.Province))
                .Select(u => new { u.Id, Name = LocalName.Of(u.Name, u.NameEn) }).ToDictionaryAsync(u => u.Id, u => u.Name, ct))
            {
                districts[id] = name;
            }
        }

        return [.. units
            .GroupBy(u => u.Level == UnitLevel.Commune && u.ParentId is { } p && districts.TryGetValue(p, out var district) ? district
                : u.Level == UnitLevel.District ? u.Name : "")
            .OrderBy(g => g.Key.Length > 0).ThenBy(g => g.Key, Localisation.VietnameseOrder)
            .Select(g => new Group(g.Key, [.. g.OrderBy(u => u.Level).ThenBy(u => u.Name, Localisation.VietnameseOrder).Select(u => new Choice(u.Id, u.Code, u.Name, u.Level))]))];
    }
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
