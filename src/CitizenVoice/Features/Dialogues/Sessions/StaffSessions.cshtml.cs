using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>The dialogues a secretary or leader runs: those hosted in their scope, newest first.</summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Moderator},{Roles.Leader},{Roles.Administrator}")]
public sealed class StaffSessionsModel(AppDb db, DialogueAccess access, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Title, string HostUnitName, DateTime StartsAt, DialogueStatus Status, int Pending, int Overdue);

    public IReadOnlyList<Row> Sessions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await access.ScopePathAsync(User, ct) ?? "-";
        var today = VietnamTime.Today(clock);
        Sessions = await db.DialogueSessions.AsNoTracking()
            .Where(s => s.HostUnit!.Path.StartsWith(scope))
            .OrderByDescending(s => s.StartsAt)
            .Select(s => new Row(
                s.Id, s.Title, s.HostUnit!.Name, s.StartsAt, s.Status,
                s.Opinions.Count(o => o.Status == OpinionStatus.Pending),
                db.Commitments.Count(c => c.SessionId == s.Id && (c.Status == CommitmentStatus.Open || c.Status == CommitmentStatus.InProgress) && c.DueOn < today)))
            .ToListAsync(ct);
    }
}
