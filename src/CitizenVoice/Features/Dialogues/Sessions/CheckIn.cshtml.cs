using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Dialogues;

/// <summary>Check-in at the venue: find a registration by name (with or without diacritics) or by its QR code.</summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Moderator},{Roles.Leader},{Roles.Administrator}")]
public sealed class CheckInModel(AppDb db, DialogueAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(int Id, string Name, string? Village, DelegateGroup Group, string Code, DateTime? CheckedInAt);

    [FromRoute]
    public int Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public string Title { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Registered { get; private set; }
    public Dictionary<DelegateGroup, int> CheckedIn { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var session = await db.DialogueSessions.AsNoTracking().Where(s => s.Id == Id).Select(s => new { s.Title, s.HostUnitId }).SingleOrDefaultAsync(ct);
        if (session is null)
        {
            return NotFound();
        }

        if (!await access.CanRunAsync(User, session.HostUnitId, ct))
        {
            return Forbid();
        }

        Title = session.Title;
        // A session has at most a few hundred registrations: filtered here, so "nong thi" finds "Nông Thị".
        var all = await db.Registrations.AsNoTracking().Where(r => r.SessionId == Id).OrderBy(r => r.AttendeeName)
            .Select(r => new Row(r.Id, r.AttendeeName, r.VillageOrOrganisation, r.Group, r.Code, r.CheckedInAt)).ToListAsync(ct);
        Registered = all.Count;
        CheckedIn = all.Where(r => r.CheckedInAt != null).GroupBy(r => r.Group).ToDictionary(g => g.Key, g => g.Count());
        var q = Query?.Trim();
        Rows = string.IsNullOrEmpty(q) ? all : all.Where(r =>
            string.Equals(r.Code, q, StringComparison.OrdinalIgnoreCase)
            || TextFolding.Fold(r.Name).Contains(TextFolding.Fold(q), StringComparison.OrdinalIgnoreCase)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostCheckInAsync(int registrationId, CancellationToken ct)
    {
        var registration = await db.Registrations.Include(r => r.Session).SingleOrDefaultAsync(r => r.Id == registrationId && r.SessionId == Id, ct);
        if (registration is null)
        {
            return NotFound();
        }

        if (!await access.CanRunAsync(User, registration.Session!.HostUnitId, ct))
        {
            return Forbid();
        }

        registration.CheckedInAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = l["Đã điểm danh {0}.", registration.AttendeeName].Value;
        return Redirect($"/quan-tri/doi-thoai/{Id}/diem-danh");
    }

    /// <summary>Writes the checked-in counts by group into the session's attendance (the figures the minutes print).</summary>
    public async Task<IActionResult> OnPostApplyAsync(CancellationToken ct)
    {
        var session = await db.DialogueSessions.SingleOrDefaultAsync(s => s.Id == Id, ct);
        if (session is null)
        {
            return NotFound();
        }

        if (!await access.CanRunAsync(User, session.HostUnitId, ct))
        {
            return Forbid();
        }

        var counts = await db.Registrations.Where(r => r.SessionId == Id && r.CheckedInAt != null)
            .GroupBy(r => r.Group).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        session.DelegatesPartyCommittee = counts.GetValueOrDefault(DelegateGroup.PartyCommittee);
        session.DelegatesPeoplesCouncil = counts.GetValueOrDefault(DelegateGroup.PeoplesCouncil);
        session.DelegatesPeoplesCommittee = counts.GetValueOrDefault(DelegateGroup.PeoplesCommittee);
        session.DelegatesVillages = counts.GetValueOrDefault(DelegateGroup.Village);
        session.DelegatesBusinesses = counts.GetValueOrDefault(DelegateGroup.Business);
        session.DelegatesCitizens = counts.GetValueOrDefault(DelegateGroup.Citizen);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = l["Đã cập nhật thành phần tham dự từ danh sách điểm danh."].Value;
        return Redirect($"/quan-tri/doi-thoai/{Id}/diem-danh");
    }
}
