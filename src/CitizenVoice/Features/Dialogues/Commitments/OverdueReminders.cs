using System.Globalization;
using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Infrastructure;
using CitizenVoice.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Dialogues;

/// <summary>When reminders run and how often the same overdue commitment is reminded again (section "Dialogues:Reminders").</summary>
public sealed class OverdueReminderOptions
{
    public const string Section = "Dialogues:Reminders";

    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The first run after start, so a restart storm does not hit the mail server before the app is warm.</summary>
    public TimeSpan FirstRunAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A commitment still overdue this long after its last reminder is reminded again.</summary>
    public TimeSpan RemindAgainAfter { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>What one run did: mails sent, the commitments they named, mails that failed (tried again next run).</summary>
public sealed record ReminderRun(int MailsSent, int Commitments, int MailsFailed);

/// <summary>
/// Emails the people who must act on overdue commitments: the staff of the responsible unit, and the leaders of that
/// unit and of every unit above it (who answer for their subtree). Each person gets one email listing all their
/// overdue commitments. A commitment is marked when reminded and not named again until <see cref="OverdueReminderOptions.RemindAgainAfter"/>.
/// </summary>
public sealed class OverdueReminders(AppDb db, Mailer mailer, IOptions<OverdueReminderOptions> options, SiteAddress site, AppMetrics metrics,
    TimeProvider clock, ILogger<OverdueReminders> logger)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private sealed record Due(int Id, string What, string UnitName, string UnitPath, int UnitId, DateOnly DueOn, string SessionTitle, DateTime? NotifiedAt);

    public async Task<ReminderRun> RunAsync(CancellationToken ct)
    {
        if (!mailer.IsEnabled)
        {
            return new(0, 0, 0);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = VietnamTime.Today(clock);
        var remindedBefore = now - options.Value.RemindAgainAfter;
        var due = await db.Commitments.AsNoTracking()
            .Where(c => (c.Status == CommitmentStatus.Open || c.Status == CommitmentStatus.InProgress) && c.DueOn < today)
            .Where(c => c.OverdueNotifiedAt == null || c.OverdueNotifiedAt < remindedBefore)
            .OrderBy(c => c.DueOn)
            .Select(c => new Due(c.Id, c.What, c.ResponsibleUnit!.Name, c.ResponsibleUnit.Path, c.ResponsibleUnitId, c.DueOn, c.Session!.Title, c.OverdueNotifiedAt))
            .ToListAsync(ct);

        // Claim each commitment before mailing: when several copies of the app run their timers together, only the
        // copy whose update matched the old value mails it.
        var claimed = new List<Due>();
        foreach (var c in due)
        {
            var matched = await db.Commitments.Where(x => x.Id == c.Id && x.OverdueNotifiedAt == c.NotifiedAt)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.OverdueNotifiedAt, now), ct);
            if (matched == 1)
            {
                claimed.Add(c);
            }
        }

        if (claimed.Count == 0)
        {
            return new(0, 0, 0);
        }

        var recipients = await RecipientsAsync(claimed, ct);
        var link = site.Origin;
        var mails = recipients.Select(r => (Mail: Compose(r.Recipient, r.Commitments, today, link), r.Commitments)).ToList();
        var failed = await mailer.SendAsync(mails.Select(m => m.Mail).ToList(), ct);
        metrics.RemindersSent.Add(mails.Count - failed.Count, new KeyValuePair<string, object?>("kind", "commitment"));

        // A commitment named in a mail that did not go is unmarked, so the next run tries again.
        var retry = mails.Where(m => failed.Contains(m.Mail)).SelectMany(m => m.Commitments).Select(c => c.Id).Distinct().ToList();
        foreach (var c in claimed.Where(c => retry.Contains(c.Id)))
        {
            await db.Commitments.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.OverdueNotifiedAt, c.NotifiedAt), ct);
        }

        var run = new ReminderRun(mails.Count - failed.Count, claimed.Count - retry.Count, failed.Count);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Overdue commitment reminders: {Sent} mails sent about {Commitments} commitments, {Failed} failed",
                run.MailsSent, run.Commitments, run.MailsFailed);
        }

        return run;
    }

    private sealed record Recipient(string Id, string Email, string FullName);

    private async Task<List<(Recipient Recipient, List<Due> Commitments)>> RecipientsAsync(List<Due> commitments, CancellationToken ct)
    {
        // A unit's path lists its ancestors' ids ("/1/4/37/"), so the leaders above a unit are found without walking the tree.
        static IEnumerable<int> Lineage(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture));
        var unitIds = commitments.SelectMany(c => Lineage(c.UnitPath).Append(c.UnitId)).Distinct().ToList();
        var staff = await db.Users.AsNoTracking().Where(u => unitIds.Contains(u.UnitId) && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.FullName, u.UnitId, u.LockoutEnd }).ToListAsync(ct);
        var leaderIds = (await db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Leader), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .ToListAsync(ct)).ToHashSet();
        var farFuture = DateTimeOffset.UtcNow.AddYears(50);
        var active = staff.Where(u => !(u.LockoutEnd is { } end && end > farFuture)).ToList();

        var byRecipient = new Dictionary<string, (Recipient Recipient, List<Due> Commitments)>();
        foreach (var c in commitments)
        {
            var above = Lineage(c.UnitPath).ToHashSet();
            foreach (var u in active.Where(u => u.UnitId == c.UnitId || (above.Contains(u.UnitId) && leaderIds.Contains(u.Id))))
            {
                if (!byRecipient.TryGetValue(u.Id, out var entry))
                {
                    entry = (new Recipient(u.Id, u.Email!, u.FullName), []);
                    byRecipient[u.Id] = entry;
                }

                entry.Commitments.Add(c);
            }
        }

        return byRecipient.Values.ToList();
    }

    private static OutgoingMail Compose(Recipient to, List<Due> commitments, DateOnly today, string site)
    {
        var body = new StringBuilder();
        body.Append("Kính gửi đồng chí ").Append(to.FullName).Append(",\n\n");
        body.Append(CultureInfo.InvariantCulture, $"Có {commitments.Count} cam kết với Nhân dân sau đối thoại đã quá hạn mà chưa hoàn thành. ");
        body.Append("Đề nghị đồng chí chỉ đạo thực hiện và cập nhật kết quả trên hệ thống.\n\n");
        var n = 0;
        foreach (var c in commitments)
        {
            n++;
            body.Append(CultureInfo.InvariantCulture, $"{n}. {c.What}\n");
            body.Append(CultureInfo.InvariantCulture,
                $"   Đơn vị thực hiện: {c.UnitName}. Thời hạn: {c.DueOn.ToString("dd/MM/yyyy", Vi)} (quá hạn {today.DayNumber - c.DueOn.DayNumber} ngày).\n");
            body.Append(CultureInfo.InvariantCulture, $"   Buổi đối thoại: {c.SessionTitle}\n");
            body.Append(CultureInfo.InvariantCulture, $"   Xem: {site}/quan-tri/doi-thoai/cam-ket#cam-ket-{c.Id}\n\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"Danh sách cam kết quá hạn: {site}/quan-tri/doi-thoai/cam-ket\n\n");
        body.Append("Thư này do hệ thống CitizenVoice gửi tự động; cam kết còn quá hạn sẽ được nhắc lại sau một tuần.\n");
        var subject = commitments.Count == 1
            ? "Nhắc việc: cam kết sau đối thoại đã quá hạn"
            : $"Nhắc việc: {commitments.Count} cam kết sau đối thoại đã quá hạn";
        return new OutgoingMail(to.Email, to.FullName, subject, body.ToString());
    }
}

/// <summary>
/// Runs <see cref="OverdueReminders"/> and <see cref="OverdueAnswerReminders"/> on a timer (daily by default; the
/// answer reminders keep their own once-a-day claim whatever the interval).
/// </summary>
public sealed class OverdueReminderService(IServiceScopeFactory scopes, IOptions<OverdueReminderOptions> options, Mailer mailer,
    ILogger<OverdueReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!mailer.IsEnabled)
        {
            logger.LogInformation("Smtp:Host is not set: overdue commitment and answer reminders are not emailed");
            return;
        }

        try
        {
            await Task.Delay(options.Value.FirstRunAfter, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.Interval);
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<OverdueReminders>().RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One bad run (database busy, mail server down) must not stop tomorrow's.
                    logger.LogError(e, "Overdue commitment reminders failed");
                }

                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<OverdueAnswerReminders>().RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Overdue answer reminders failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
