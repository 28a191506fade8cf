using CitizenVoice.Infrastructure;
using CitizenVoice.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>Paper forms whose two typings differ, for the units the team member may handle.</summary>
[Authorize(Policy = SurveyPolicies.SurveyTeam)]
public sealed class PaperReconciliationListModel(AppDb db, SurveyIndependence independence) : PageModel
{
    public sealed record Row(Guid Id, string Serial, string UnitName, string FieldName, DateTime EnteredAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var open = await independence.UnitsOpenToAsync(User);
        Rows = await db.PaperEntries.AsNoTracking()
            .Where(e => e.Sequence == 1 && e.Status == PaperEntryStatus.Mismatched && open.Any(u => u.Id == e.UnitId))
            .OrderBy(e => e.EnteredAt).Take(500)
            .Select(e => new Row(e.Id, e.Serial,
                LocalName.Of(db.Units.Where(u => u.Id == e.UnitId).Select(u => u.Name).Single(), db.Units.Where(u => u.Id == e.UnitId).Select(u => u.NameEn).Single()),
                LocalName.Of(db.Fields.Where(f => f.Id == e.FieldId).Select(f => f.Name).Single(), db.Fields.Where(f => f.Id == e.FieldId).Select(f => f.NameEn).Single()),
                e.EnteredAt))
            .ToListAsync(HttpContext.RequestAborted);
    }
}
