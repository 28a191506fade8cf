using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Staff;
using CitizenVoice.Features.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>The leader's dashboard: figures for their own unit and everything under it, never raw responses.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ResultsModel(AppDb db, SatisfactionReport report, UnitScope scope, TimeProvider clock) : PageModel
{
    public DashboardData Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query)
    {
        var root = await scope.PathOfAsync(User, HttpContext.RequestAborted);
        if (root is null)
        {
            return Forbid();
        }

        // A department's staff have no rated unit in their subtree: nothing here is theirs to see (the home page shows no card).
        if (await DashboardData.LoadAsync(db, report, query, root, SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime), HttpContext.RequestAborted) is not { } data)
        {
            return Forbid();
        }

        Data = data;
        return Page();
    }
}
