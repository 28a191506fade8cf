using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// Which communes in the user's scope have not held the dialogue with residents they must hold each year
/// (DESIGN.md §3). Reception days are not recorded yet, so only the dialogue rule is checked here.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Moderator},{Roles.Leader},{Roles.Administrator}")]
public sealed class ComplianceModel(AppDb db, DialogueAccess access, TimeProvider clock) : PageModel
{
    public sealed record Row(string Code, string Name, string DistrictName, int Sessions);

    [BindProperty(SupportsGet = true, Name = "nam")]
    public int? Year { get; set; }

    public IReadOnlyList<Row> Behind { get; private set; } = [];
    public int Communes { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DialogueText.Today(clock);
        Year ??= today.Year;
        var first = new DateOnly(Year.Value, 1, 1);
        var last = new DateOnly(Year.Value, 12, 31);
        var (from, to) = (DialogueText.ToUtc(first.ToDateTime(TimeOnly.MinValue)), DialogueText.ToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var scope = await access.ScopePathAsync(User, ct) ?? "-";
        var communes = await db.Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.Path.StartsWith(scope) && u.ValidFrom <= last && (u.ValidTo == null || u.ValidTo >= first))
            .Select(u => new
            {
                u.Code, u.Name, DistrictName = u.Parent!.Name,
                Sessions = db.DialogueSessions.Count(s => s.HostUnitId == u.Id && s.Status != DialogueStatus.Draft && s.StartsAt >= from && s.StartsAt < to),
            })
            .ToListAsync(ct);
        Communes = communes.Count;
        Behind = communes.Where(c => c.Sessions == 0)
            .Select(c => new Row(c.Code, c.Name, c.DistrictName, c.Sessions))
            .OrderBy(c => c.DistrictName, Infrastructure.Localisation.VietnameseOrder).ThenBy(c => c.Name, Infrastructure.Localisation.VietnameseOrder)
            .ToList();
    }
}
