using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Surveys;

/// <summary>Where the team gets its printouts: paper forms (blank or pre-filled) and the counter poster with the QR code.</summary>
[Authorize(Policy = SurveyPolicies.SurveyTeam)]
public sealed class PrintPageModel(AppDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UnitCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? FieldCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Serial { get; set; }

    public IReadOnlyList<StaffEntryModel.Option> Units { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyList<StaffEntryModel.Option> Fields { get; private set; } = [];

    public string FormUrl => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/quan-tri/khao-sat/phieu-giay/mau.pdf",
        new Dictionary<string, string?> { ["unit"] = UnitCode, ["field"] = FieldCode, ["serial"] = Serial }.Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    public string? PosterUrl => string.IsNullOrEmpty(UnitCode) || string.IsNullOrEmpty(FieldCode) ? null
        : $"/khao-sat/{Uri.EscapeDataString(UnitCode)}/{Uri.EscapeDataString(FieldCode)}/ap-phich.pdf";

    public async Task OnGetAsync()
    {
        var units = await db.Units.AsNoTracking().Active()
            .Select(u => new StaffEntryModel.Option(u.Code, LocalName.Of(u.Name, u.NameEn))).ToListAsync(HttpContext.RequestAborted);
        Units = [.. units.OrderBy(u => u.Name, Infrastructure.Localisation.VietnameseOrder)];
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, HttpContext.RequestAborted);
        // Once a unit is chosen, only the fields it serves: a poster for a field the unit does not handle would be refused.
        var fields = string.IsNullOrWhiteSpace(UnitCode) ? db.Fields.Where(f => f.IsActive).OrderBy(f => f.SortOrder) : db.FieldsServedBy(UnitCode);
        Fields = await fields.AsNoTracking().Select(f => new StaffEntryModel.Option(f.Code, LocalName.Of(f.Name, f.NameEn))).ToListAsync(HttpContext.RequestAborted);
        if (FieldCode is not null && Fields.All(f => f.Code != FieldCode))
        {
            FieldCode = null;
        }
    }
}
