using CitizenVoice.Features.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Surveys;

/// <summary>Lets an administrator verify that the rollups the reports read agree with the raw responses.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class RollupCheckPageModel(RollupCheck check) : PageModel
{
    public IReadOnlyList<RollupCheck.Difference>? Differences { get; private set; }

    public void OnGet()
    {
    }

    public async Task OnPostAsync() => Differences = await check.RunAsync(cancellationToken: HttpContext.RequestAborted);
}
