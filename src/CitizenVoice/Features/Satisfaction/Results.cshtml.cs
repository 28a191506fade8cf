using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>The leader's dashboard: figures for their own unit and everything under it, never raw responses.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ResultsModel(AppDb db, SatisfactionReport report, UnitScope scope, TimeProvider clock) : PageModel
{
    public DashboardData Data { get; private set; } = null!;

    /// <summary>The feedback figures of the same unit and period, for leaders: what citizens sent besides their ratings.</summary>
    public FeedbackFigures? FeedbackFigures { get; private set; }

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
        if (FeedbackSetup.FigureRoles.Any(User.IsInRole))
        {
            FeedbackFigures = await FeedbackFiguresModel.LoadAsync(db, scope, User, data.Query.Unit, data.Filter.From, data.Filter.To,
                VietnamTime.Today(clock), HttpContext.RequestAborted);
        }

        return Page();
    }
}
