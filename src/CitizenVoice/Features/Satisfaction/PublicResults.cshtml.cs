using CitizenVoice.Data;
using CitizenVoice.Features.Surveys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>The public results: the same aggregates leaders see, for the whole agency and each unit and field, with the method explained.</summary>
public sealed class PublicResultsModel(AppDb db, SatisfactionReport report, TimeProvider clock) : PageModel
{
    public DashboardData Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery] DashboardQuery query)
    {
        // Null only for an organisation without a single rated unit yet: nothing to publish.
        if (await DashboardData.LoadAsync(db, report, query, "/", SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime), HttpContext.RequestAborted) is not { } data)
        {
            return NotFound();
        }

        Data = data;
        return Page();
    }
}
