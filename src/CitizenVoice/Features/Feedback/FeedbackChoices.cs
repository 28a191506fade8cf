using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Feedback;

/// <summary>The choices the feedback forms offer: active fields, and active units grouped by district.</summary>
public static class FeedbackChoices
{
    public sealed record Choice(string Code, string Name);

    public sealed record UnitGroup(string Name, IReadOnlyList<Choice> Units);

    public static async Task<IReadOnlyList<Choice>> FieldsAsync(AppDb db, CancellationToken ct) =>
        await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).Select(f => new Choice(f.Code, f.Name)).ToListAsync(ct);

    /// <summary>The province and its departments first, then each district with its communes.</summary>
    public static async Task<IReadOnlyList<UnitGroup>> UnitGroupsAsync(AppDb db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Where(u => u.ValidTo == null && u.SuccessorId == null)
            .Select(u => new { u.Id, u.Code, u.Name, u.Level, u.ParentId }).ToListAsync(ct);
        var byId = units.ToDictionary(u => u.Id);
        return [.. units
            .GroupBy(u => u.Level == UnitLevel.Commune && u.ParentId is { } p && byId.TryGetValue(p, out var district) ? district.Name
                : u.Level == UnitLevel.District ? u.Name : "")
            .OrderBy(g => g.Key.Length > 0).ThenBy(g => g.Key, Localisation.VietnameseOrder)
            .Select(g => new UnitGroup(g.Key, [.. g.OrderBy(u => u.Level).ThenBy(u => u.Name, Localisation.VietnameseOrder).Select(u => new Choice(u.Code, u.Name))]))];
    }
}
