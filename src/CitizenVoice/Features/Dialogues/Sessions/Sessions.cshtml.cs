using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>The public list of dialogues: upcoming first, then past ones, filtered by unit, field and year.</summary>
public sealed class SessionsModel(AppDb db, TimeProvider clock) : PageModel
{
    public sealed record Option(string Code, string Name);

    [BindProperty(SupportsGet = true, Name = "don-vi")]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "linh-vuc")]
    public string? Field { get; set; }

    [BindProperty(SupportsGet = true, Name = "nam")]
    public int? Year { get; set; }

    public IReadOnlyList<DialogueQueries.SessionSummary> Upcoming { get; private set; } = [];
    public IReadOnlyList<DialogueQueries.SessionSummary> Past { get; private set; } = [];
    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Fields { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var sessions = await DialogueQueries.ListAsync(db, new(Unit, Field, Year), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        Upcoming = sessions.Where(s => s.EndsAt >= now && s.Status < DialogueStatus.Closed).OrderBy(s => s.StartsAt).ToList();
        Past = sessions.Except(Upcoming).ToList();

        var hosts = await db.DialogueSessions.AsNoTracking().Where(s => s.Status != DialogueStatus.Draft)
            .Select(s => new { s.HostUnit!.Code, Name = LocalName.Of(s.HostUnit.Name, s.HostUnit.NameEn), s.StartsAt }).ToListAsync(ct);
        Units = hosts.Select(h => new Option(h.Code, h.Name)).Distinct().OrderBy(o => o.Code, StringComparer.Ordinal).ToList();
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, db.Units.Where(u => db.DialogueSessions.Any(s => s.HostUnitId == u.Id && s.Status != DialogueStatus.Draft)), ct);
        Years = hosts.Select(h => VietnamTime.Local(h.StartsAt).Year).Distinct().OrderDescending().ToList();
        Fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).ToDictionaryAsync(f => f.Code, f => LocalName.Of(f.Name, f.NameEn), ct);
    }
}
