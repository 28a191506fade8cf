using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>Lets an administrator verify that the rollups the reports read agree with the raw responses.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class RollupCheckPageModel(RollupCheck check, RollupRebuild rebuild) : PageModel
{
    public IReadOnlyList<RollupCheck.Difference>? Differences { get; private set; }

    /// <summary>How many responses the last rebuild counted.</summary>
    public long? Rebuilt { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync() => Differences = await check.RunAsync(cancellationToken: HttpContext.RequestAborted);

    /// <summary>Recomputes every rollup row from the raw responses, then checks again.</summary>
    public async Task OnPostRebuildAsync()
    {
        Rebuilt = await rebuild.RunAsync(HttpContext.RequestAborted);
        Differences = await check.RunAsync(cancellationToken: HttpContext.RequestAborted);
    }
}
