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

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Field { get; set; }

    public bool Missing { get; private set; }
    public IReadOnlyList<UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyList<Option> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!string.IsNullOrWhiteSpace(Unit) && !string.IsNullOrWhiteSpace(Field))
        {
            return LocalRedirect($"/khao-sat/{Uri.EscapeDataString(Unit.Trim())}/{Uri.EscapeDataString(Field.Trim())}");
        }

        Missing = Request.Query.ContainsKey("unit") || Request.Query.ContainsKey("field");
        // Communes under their district, like the public directory; the province and its departments first.
        UnitGroups = await UnitChoices.ByDistrictAsync(db, HttpContext.RequestAborted);
        Fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder)
            .Select(f => new Option(f.Code, f.Name)).ToListAsync();
        return Page();
    }
}
