using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

/// <summary>The public directory of active units, grouped by district, searchable with or without diacritics.</summary>
public sealed class DirectoryModel(AppDb db) : PageModel
{
    public sealed record Entry(int Id, int? ParentId, string Name, UnitLevel Level, string? Address, string? Hotline);

    public sealed record Group(string Name, IReadOnlyList<Entry> Units);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var units = await db.Units.AsNoTracking().Active()
            .Select(u => new Entry(u.Id, u.ParentId, LocalName.Of(u.Name, u.NameEn), u.Level, u.Address, u.Hotline)).ToListAsync();
        var query = string.IsNullOrWhiteSpace(Q) ? null : TextFolding.Fold(Q.Trim()).ToLowerInvariant();
        var matches = units.Where(u => query is null || TextFolding.Fold(u.Name).ToLowerInvariant().Contains(query, StringComparison.Ordinal)).ToList();
        var byId = units.ToDictionary(u => u.Id);
        // Communes are listed under their district; the province and its departments form the first group.
        Groups = matches
            .GroupBy(u => u.Level == UnitLevel.Commune && u.ParentId is { } p ? byId[p] : units.First(x => x.ParentId is null))
            .OrderBy(g => g.Key.ParentId is not null).ThenBy(g => g.Key.Name, Localisation.VietnameseOrder)
            .Select(g => new Group(g.Key.Name, [.. g.OrderBy(u => u.Level).ThenBy(u => u.Name, Localisation.VietnameseOrder)]))
            .ToList();
    }
}
