using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

/// <summary>Active units as a picker offers them: the province and its departments first, then each district with its communes.</summary>
public static class UnitChoices
{
    public sealed record Choice(int Id, string Code, string Name);

    /// <summary>A district's name heads its group; the province's group has an empty name.</summary>
    public sealed record Group(string Name, IReadOnlyList<Choice> Units);

    public static async Task<IReadOnlyList<Group>> ByDistrictAsync(AppDb db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Active()
            .Select(u => new { u.Id, u.Code, u.Name, u.Level, u.ParentId }).ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        return [.. units
            .GroupBy(u => u.Level == UnitLevel.Commune && u.ParentId is { } p && byId.TryGetValue(p, out var district) ? district.Name
                : u.Level == UnitLevel.District ? u.Name : "")
            .OrderBy(g => g.Key.Length > 0).ThenBy(g => g.Key, Localisation.VietnameseOrder)
            .Select(g => new Group(g.Key, [.. g.OrderBy(u => u.Level).ThenBy(u => u.Name, Localisation.VietnameseOrder).Select(u => new Choice(u.Id, u.Code, u.Name))]))];
    }
}
