using System.Security.Claims;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.StaffHome;

/// <summary>The staff start page: the areas the user's roles open, each registered by its feature.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class StaffHomeModel(AppDb db, UnitScope scope, IEnumerable<StaffArea> areas, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public string FullName { get; private set; } = "";
    public string UnitName { get; private set; } = "";
    public string UnitCode { get; private set; } = "";
    public IReadOnlyList<string> RoleNames { get; private set; } = [];
    public IReadOnlyList<StaffArea> Areas { get; private set; } = [];
    /// <summary>Questions the user's units must answer in writing (officers and leaders only); null for other roles.</summary>
    public (int Open, int Overdue)? AssignedWork { get; private set; }

    public async Task OnGetAsync()
    {
        FullName = User.FindFirstValue(ClaimTypes.GivenName) ?? User.Identity!.Name!;
        var unitId = UnitScope.UnitIdOf(User);
        var unit = await db.Units.Where(u => u.Id == unitId).Select(u => new { u.Name, u.Code }).SingleAsync();
        (UnitName, UnitCode) = (unit.Name, unit.Code);
        RoleNames = Roles.All.Where(User.IsInRole).Select(r => l[Roles.DisplayName(r)].Value).ToList();
        var path = await scope.PathOfAsync(User);
        var ratedUnits = path is not null && await Satisfaction.DashboardData.SurveyedUnits(db, path).AnyAsync();
        if (path is not null && (User.IsInRole(Roles.Officer) || User.IsInRole(Roles.Leader)))
        {
            AssignedWork = await Dialogues.AnswerWork.CountsAsync(db, path, VietnamTime.Today(clock));
        }

        Areas = areas.Where(a => (a.Roles.Length == 0 || a.Roles.Any(User.IsInRole)) && (!a.ForRatedUnits || ratedUnits)).OrderBy(a => a.Order).ToList();
    }
}
