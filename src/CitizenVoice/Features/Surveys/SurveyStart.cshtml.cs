using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>Where a citizen without a QR code starts: pick the unit and the field, then answer.</summary>
public sealed class SurveyStartModel(AppDb db) : PageModel
{
    public sealed record Option(string Code, string Name);

    public sealed record UnitGroup(string Name, IReadOnlyList<Option> Units);

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Field { get; set; }

    public bool Missing { get; private set; }
    public IReadOnlyList<UnitGroup> UnitGroups { get; private set; } = [];
    public IReadOnlyList<Option> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!string.IsNullOrWhiteSpace(Unit) && !string.IsNullOrWhiteSpace(Field))
        {
            return LocalRedirect($"/khao-sat/{Uri.EscapeDataString(Unit.Trim())}/{Uri.EscapeDataString(Field.Trim())}");
        }

        Missing = Request.Query.ContainsKey("unit") || Request.Query.ContainsKey("field");
        var units = await db.Units.AsNoTracking().Active()
            .Select(u => new { u.Id, u.ParentId, u.Code, u.Name, u.Level }).ToListAsync();
        var byId = units.ToDictionary(u => u.Id);
        // Communes under their district, like the public directory; the province and its departments first.
        UnitGroups = units
            .GroupBy(u => u.Level == UnitLevel.Commune && u.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent.Name : units.First(x => x.ParentId is null).Name)
            .OrderBy(g => g.Key != units.First(x => x.ParentId is null).Name).ThenBy(g => g.Key, Localisation.VietnameseOrder)
            .Select(g => new UnitGroup(g.Key, [.. g.OrderBy(u => u.Level).ThenBy(u => u.Name, Localisation.VietnameseOrder).Select(u => new Option(u.Code, u.Name))]))
            .ToList();
        Fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder)
            .Select(f => new Option(f.Code, f.Name)).ToListAsync();
        return Page();
    }
}
