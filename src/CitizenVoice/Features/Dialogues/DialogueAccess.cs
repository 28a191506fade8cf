using System.Security.Claims;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// Who may run and approve a dialogue. The unit-subtree rule (<see cref="UnitScope"/>) decides, with one
/// widening for dialogues only: a provincial department (phòng, such as the Phòng Tham mưu whose secretaries
/// organise the province's dialogues) works for the whole level it belongs to, so its staff are scoped to their
/// parent unit's subtree. The widening is kept here, not in <see cref="UnitScope"/>, because other features
/// (independent surveys) must not give a department its parent's reach.
/// </summary>
public sealed class DialogueAccess(AppDb db, IAuthorizationService authorization)
{
    public static readonly string[] RunnerRoles = [Roles.Moderator, Roles.Leader, Roles.Administrator];

    public static bool IsRunner(ClaimsPrincipal user) => RunnerRoles.Any(user.IsInRole);

    /// <summary>The path prefix of the units whose dialogues the user may run, or null.</summary>
    public async Task<string?> ScopePathAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (UnitScope.UnitIdOf(user) is not { } unitId)
        {
            return null;
        }

        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId)
            .Select(u => new { u.Path, u.Level, ParentPath = u.Parent!.Path }).SingleOrDefaultAsync(ct);
        if (unit is null)
        {
            return null;
        }

        return unit.Level == UnitLevel.Department && unit.ParentPath is not null ? unit.ParentPath : unit.Path;
    }

    public async Task<bool> CanRunAsync(ClaimsPrincipal user, int hostUnitId, CancellationToken ct = default)
    {
        if (!IsRunner(user))
        {
            return false;
        }

        if ((await authorization.AuthorizeAsync(user, hostUnitId, UnitScope.Policy)).Succeeded)
        {
            return true;
        }

        var scope = await ScopePathAsync(user, ct);
        var hostPath = await db.Units.Where(u => u.Id == hostUnitId).Select(u => u.Path).SingleOrDefaultAsync(ct);
        return scope is not null && hostPath is not null && hostPath.StartsWith(scope, StringComparison.Ordinal);
    }

    public Task<int?> HostUnitOfAsync(int sessionId, CancellationToken ct = default) =>
        db.DialogueSessions.Where(s => s.Id == sessionId).Select(s => (int?)s.HostUnitId).SingleOrDefaultAsync(ct);

    /// <summary>The announcement is approved by a leader of the host unit or of a unit above it.</summary>
    public async Task<bool> CanApproveAnnouncementAsync(ClaimsPrincipal user, int hostUnitId) =>
        user.IsInRole(Roles.Leader) && (await authorization.AuthorizeAsync(user, hostUnitId, UnitScope.Policy)).Succeeded;
}

/// <summary>The session workflow: draft → announced → open for questions → live → closed → minutes published.</summary>
public static class DialogueWorkflow
{
    public static DialogueStatus? Next(DialogueStatus status) =>
        status == DialogueStatus.MinutesPublished ? null : status + 1;

    /// <summary>Moving out of draft publishes the announcement, which only a leader may approve.</summary>
    public static bool NeedsLeader(DialogueStatus from) => from == DialogueStatus.Draft;

    public static bool IsPublic(DialogueStatus status) => status != DialogueStatus.Draft;
}
