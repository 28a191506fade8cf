using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using CitizenVoice.Infrastructure.Email;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// Commitments still to do, overdue first: those a unit in the user's scope must carry out, or that were made at a
/// session it hosted. Officers see their own unit's; secretaries and leaders see their dialogue scope.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class CommitmentsModel(
    AppDb db, DialogueAccess access, UnitScope units, TimeProvider clock, Mailer mailer, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(
        int Id, string What, string UnitName, DateOnly DueOn, CommitmentStatus Status, int SessionId, string SessionTitle, int DaysOverdue);

    /// <summary>"qua-han" (default) shows overdue ones only; "tat-ca" every commitment not yet done.</summary>
    [BindProperty(SupportsGet = true, Name = "xem")]
    public string? View { get; set; }

    public bool OverdueOnly => View != "tat-ca";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanRun { get; private set; }
    public bool EmailEnabled => mailer.IsEnabled;
    public bool CanSendReminders => User.IsInRole(Roles.Administrator);

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanRun = DialogueAccess.IsRunner(User);
        var scope = (CanRun ? await access.ScopePathAsync(User, ct) : await units.PathOfAsync(User, ct)) ?? "-";
        var today = VietnamTime.Today(clock);
        var query = db.Commitments.AsNoTracking()
            .Where(c => c.Status == CommitmentStatus.Open || c.Status == CommitmentStatus.InProgress)
            .Where(c => c.ResponsibleUnit!.Path.StartsWith(scope) || c.Session!.HostUnit!.Path.StartsWith(scope));
        if (OverdueOnly)
        {
            query = query.Where(c => c.DueOn < today);
        }

        var rows = await query.OrderBy(c => c.DueOn)
            .Select(c => new { c.Id, c.What, UnitName = LocalName.Of(c.ResponsibleUnit!.Name, c.ResponsibleUnit.NameEn), c.DueOn, c.Status, c.SessionId, SessionTitle = c.Session!.Title })
            .ToListAsync(ct);
        Rows = rows.Select(c => new Row(c.Id, c.What, c.UnitName, c.DueOn, c.Status, c.SessionId, c.SessionTitle,
            Math.Max(0, today.DayNumber - c.DueOn.DayNumber))).ToList();
    }

    /// <summary>An administrator sends the overdue reminders now instead of waiting for the daily run.</summary>
    public async Task<IActionResult> OnPostRemindAsync([FromServices] OverdueReminders reminders, CancellationToken ct)
    {
        if (!CanSendReminders)
        {
            return Forbid();
        }

        if (!mailer.IsEnabled)
        {
            TempData["Message"] = l["Chưa cấu hình máy chủ thư điện tử (Smtp:Host), hệ thống không gửi thư nhắc việc."].Value;
            return RedirectToPage();
        }

        var run = await reminders.RunAsync(ct);
        TempData["Message"] = run.MailsFailed > 0
            ? l["Đã gửi {0} thư nhắc việc về {1} cam kết quá hạn; {2} thư chưa gửi được, hệ thống sẽ gửi lại lần sau.", run.MailsSent, run.Commitments, run.MailsFailed].Value
            : l["Đã gửi {0} thư nhắc việc về {1} cam kết quá hạn.", run.MailsSent, run.Commitments].Value;
        return RedirectToPage();
    }
}
