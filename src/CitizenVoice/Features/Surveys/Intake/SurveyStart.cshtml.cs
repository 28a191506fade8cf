using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Surveys;

/// <summary>Where a citizen without a QR code starts: pick the unit and the field, then answer.</summary>
public sealed class SurveyStartModel(AppDb db) : PageModel
{
    public sealed record Option(string Code, string Name);

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Field { get; set; }

    public bool Missing { get; private set; }
    /// <summary>The chosen unit does not serve the chosen field.</summary>
    public bool NotServed { get; private set; }
    public IReadOnlyList<UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyList<Option> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var unitCode = Unit?.Trim() ?? "";
        if (unitCode.Length > 0 && !string.IsNullOrWhiteSpace(Field))
        {
            // A field the unit does not serve is not a form to open: the page says so and lists the unit's own fields.
            if (await db.ServesAsync(unitCode, Field.Trim()) || !await db.Units.Active().AnyAsync(u => u.Code == unitCode))
            {
                // Most citizens answer on a phone: one element per step; the form links to the single page for those who prefer it.
                return LocalRedirect($"/khao-sat/{Uri.EscapeDataString(unitCode)}/{Uri.EscapeDataString(Field.Trim())}/tung-buoc");
            }

            NotServed = true;
        }

        Missing = !NotServed && (Request.Query.ContainsKey("unit") || Request.Query.ContainsKey("field"));
        // Communes under their district, like the public directory; the province and its departments first.
        UnitGroups = await UnitChoices.ByDistrictAsync(db, HttpContext.RequestAborted);
        // Once the unit is known (chosen, or the page came back to ask again), only the fields it serves are offered.
        var known = unitCode.Length > 0 && UnitGroups.Any(g => g.Units.Any(u => u.Code == unitCode));
        var fields = known ? db.FieldsServedBy(unitCode) : db.Fields.Where(f => f.IsActive).OrderBy(f => f.SortOrder);
        Fields = await fields.AsNoTracking().Select(f => new Option(f.Code, LocalName.Of(f.Name, f.NameEn))).ToListAsync();
        return Page();
    }
}
