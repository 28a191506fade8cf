using CitizenVoice.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>The survey rounds, newest first, with their overall progress.</summary>
[Authorize(Policy = SurveyPolicies.SurveyTeam)]
public sealed class RoundsModel(AppDb db) : PageModel
{
    public sealed record Row(int Id, string Name, DateOnly StartsOn, DateOnly EndsOn, int Pairs, int Target);

    public IReadOnlyList<Row> Rounds { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rounds = await db.SurveyRounds.AsNoTracking().OrderByDescending(r => r.StartsOn).ThenByDescending(r => r.Id).Take(200)
            .Select(r => new Row(r.Id, r.Name, r.StartsOn, r.EndsOn, r.Targets.Count, r.Targets.Sum(t => t.Target)))
            .ToListAsync(HttpContext.RequestAborted);
}
