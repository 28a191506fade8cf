using System.Security.Claims;
using CitizenVoice.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// What a staff member may see and change is their own unit and the units under it. Every feature asks this
/// one place: <c>await authorization.AuthorizeAsync(User, unitId, UnitScope.Policy)</c> for one unit, or
/// <see cref="Within"/> to filter a query.
/// </summary>
public sealed class UnitScope(AppDb db)
{
    public const string Policy = "UnitScope";
    public const string UnitClaim = "cv:unit";

    private string? _cachedPath;
    private int? _cachedFor;

    public static int? UnitIdOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(UnitClaim), out var id) ? id : null;

    /// <summary>The user's unit path, read from the database so moves and merges take effect at once.</summary>
    public async Task<string?> PathOfAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (UnitIdOf(user) is not { } unitId)
        {
            return null;
        }

        if (_cachedFor != unitId)
        {
            _cachedPath = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken);
            _cachedFor = unitId;
        }

        return _cachedPath;
    }

    public async Task<bool> CoversAsync(ClaimsPrincipal user, int unitId, CancellationToken cancellationToken = default)
    {
        var userPath = await PathOfAsync(user, cancellationToken);
        if (userPath is null)
        {
            return false;
        }

        var unitPath = await db.Units.Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(cancellationToken);
        return unitPath is not null && unitPath.StartsWith(userPath, StringComparison.Ordinal);
    }

    /// <summary>Units inside the user's subtree; none when the user has no unit.</summary>
    public async Task<IQueryable<Unit>> WithinAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userPath = await PathOfAsync(user, cancellationToken);
        return userPath is null ? db.Units.Where(_ => false) : db.Units.Where(u => u.Path.StartsWith(userPath));
    }
}

public sealed class UnitScopeRequirement : IAuthorizationRequirement;

/// <summary>Grants <see cref="UnitScope.Policy"/> for a unit id inside the user's subtree.</summary>
internal sealed class UnitScopeHandler(UnitScope scope) : AuthorizationHandler<UnitScopeRequirement, int>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, UnitScopeRequirement requirement, int unitId)
    {
        if (await scope.CoversAsync(context.User, unitId))
        {
            context.Succeed(requirement);
        }
    }
}
