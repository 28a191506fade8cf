using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>The public accountability figures of a unit (with the units under it) for a period.</summary>
public sealed class FiguresModel(AppDb db, TimeProvider clock) : PageModel
{
    public sealed record Option(string Code, string Name);

    [BindProperty(SupportsGet = true, Name = "don-vi")]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "tu")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "den")]
    public DateOnly? To { get; set; }

    public string UnitName { get; private set; } = "";
    public DialogueFigures Figures { get; private set; } = null!;
    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Fields { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var hosts = db.Units.Where(u => u.Level == UnitLevel.Province || u.Level == UnitLevel.District);
        var units = await hosts.AsNoTracking()
            .OrderBy(u => u.Path).Select(u => new { u.Code, Name = LocalName.Of(u.Name, u.NameEn), u.Path, u.Level }).ToListAsync(ct);
        Units = units.Select(u => new Option(u.Code, u.Name)).ToList();
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, hosts, ct);
        var unit = units.FirstOrDefault(u => u.Code == Unit) ?? units.FirstOrDefault(u => u.Level == UnitLevel.Province);
        if (unit is null)
        {
            return NotFound();
        }

        (Unit, UnitName) = (unit.Code, unit.Name);
        var today = VietnamTime.Today(clock);
        From ??= new DateOnly(2018, 1, 1);
        To ??= today;
        Figures = await DialogueFigures.ComputeAsync(db, unit.Path, From.Value, To.Value, today, clock.GetUtcNow().UtcDateTime, ct);
        Fields = await db.Fields.AsNoTracking().ToDictionaryAsync(f => f.Code, f => LocalName.Of(f.Name, f.NameEn), ct);
        return Page();
    }
}
