using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

/// <summary>Active units as a picker offers them: the province and its departments first, then each district with its communes.</summary>
public static class UnitChoices
{
    public sealed record Choice(int Id, string Code, string Name, UnitLevel Level = UnitLevel.Commune);

    /// <summary>A district's name heads its group; the province's group has an empty name.</summary>
    public sealed record Group(string Name, IReadOnlyList<Choice> Units);

    public static Task<IReadOnlyList<Group>> ByDistrictAsync(AppDb db, CancellationToken ct) =>
        ByDistrictAsync(db, db.Units, ct);

    /// <summary>The units a page already chose to offer (by code), grouped by district for the picker.</summary>
    public static Task<IReadOnlyList<Group>> OfCodesAsync(AppDb db, IEnumerable<string> codes, CancellationToken ct)
    {
        var list = codes.ToList();
        return ByDistrictAsync(db, db.Units.Where(u => list.Contains(u.Code)), ct);
    }

    /// <summary>The units a page already chose to offer (by id), grouped by district for the picker.</summary>
    public static Task<IReadOnlyList<Group>> OfIdsAsync(AppDb db, IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.ToList();
        return ByDistrictAsync(db, db.Units.Where(u => list.Contains(u.Id)), ct);
    }

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
        var districts = await db.Units.AsNoTracking().Where(u => parentIds.Contains(u.Id) && u.Level == UnitLevel.District)
            .ToDictionaryAsync(u => u.Id, u => LocalName.Of(u.Name, u.NameEn), ct);
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
    public string ValueOf(UnitChoices.Choice unit) => ByCode ? unit.Code : unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
