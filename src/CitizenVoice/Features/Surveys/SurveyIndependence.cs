using System.Security.Claims;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The independence rule of satisfaction surveys, in one place: a survey-team member never enters, imports or reads raw
/// responses of their own unit or any unit under it. Every staff path into raw responses asks this class.
/// </summary>
public sealed class SurveyIndependence(AppDb db, UnitScope scope)
{
    public async Task<bool> MayHandleAsync(ClaimsPrincipal user, int unitId, CancellationToken cancellationToken = default) =>
        user.IsInRole(Roles.SurveyTeam)
        && await scope.PathOfAsync(user, cancellationToken) is not null
        && !await scope.CoversAsync(user, unitId, cancellationToken);

    /// <summary>The units whose raw responses the user may handle: every unit outside their own subtree.</summary>
    public async Task<IQueryable<Unit>> UnitsOpenToAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var path = user.IsInRole(Roles.SurveyTeam) ? await scope.PathOfAsync(user, cancellationToken) : null;
        return path is null ? db.Units.Where(_ => false) : db.Units.Where(u => !u.Path.StartsWith(path));
    }
}
