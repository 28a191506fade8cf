using CitizenVoice.Infrastructure;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Calendar;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Feedback;

/// <summary>The items assigned to the user's unit and the units under it, the nearest deadline first.</summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Administrator},{Roles.Leader},{Roles.Officer},{Roles.Moderator}")]
public sealed class FeedbackInboxModel(AppDb db, UnitScope scope, FeedbackWorkflow workflow, WorkingCalendar calendar) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(
        int Id, string TrackingCode, FeedbackKind Kind, string Subject, string Unit, FeedbackStatus Status, DateOnly ReceivedOn,
        DateOnly? DueOn, FeedbackChannel Channel);

    [BindProperty(SupportsGet = true, Name = "tat-ca")]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public DateOnly Today { get; private set; }

    public DateOnly NearUntil { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = workflow.Today;
        NearUntil = await calendar.AddWorkingDaysAsync(Today, workflow.Options.NearDays, ct);
        var units = (await scope.WithinAsync(User, ct)).Select(u => u.Id);
        var items = db.FeedbackItems.AsNoTracking().Where(f => units.Contains(f.AssignedUnitId));
        if (!All)
        {
            items = items.Where(f => f.Status == FeedbackStatus.Received || f.Status == FeedbackStatus.InProgress
                || f.Status == FeedbackStatus.WaitingForCitizen || f.Status == FeedbackStatus.AwaitingApproval);
        }

        Total = await items.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        // Nothing due (waiting for the citizen, answered) after everything that is, then newest first.
        Rows = await items.OrderBy(f => f.DueOn == null).ThenBy(f => f.DueOn).ThenByDescending(f => f.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(f => new Row(f.Id, f.TrackingCode, f.Kind, f.Subject, LocalName.Of(f.AssignedUnit!.Name, f.AssignedUnit.NameEn), f.Status, f.ReceivedOn, f.DueOn, f.Channel))
            .ToListAsync(ct);
    }
}
