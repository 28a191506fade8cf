using System.Globalization;
using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Calendar;
using CitizenVoice.Features.Staff;
using CitizenVoice.Infrastructure;
using CitizenVoice.Infrastructure.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Feedback;

/// <summary>
/// Emails the unit that must act on feedback whose deadline is near (<see cref="FeedbackOptions.NearDays"/> working
/// days) or has passed, and, once it has passed, the leaders of that unit and of the units above it. Each person gets
/// one email listing their items.
/// </summary>
public sealed class FeedbackReminders(
    AppDb db, Mailer mailer, WorkingCalendar calendar, IOptions<FeedbackOptions> options, SiteAddress siteAddress, AppMetrics metrics, TimeProvider clock,
    ILogger<FeedbackReminders> logger)
{
    private sealed record Due(int Id, string Code, string Subject, int UnitId, string UnitName, string UnitPath, DateOnly DueOn, string? Sent)
    {
        public string Key(DateOnly today) => DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (DueOn < today ? ":overdue" : ":near");
    }

    /// <summary>One run: returns how many mails went out.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!mailer.IsEnabled)
        {
            return 0;
        }

        var today = VietnamTime.Today(clock);
        var nearUntil = await calendar.AddWorkingDaysAsync(today, options.Value.NearDays, ct);
        var candidates = await db.FeedbackItems.AsNoTracking()
            .Where(f => f.DueOn != null && f.DueOn <= nearUntil)
            .Where(f => f.Status == FeedbackStatus.Received || f.Status == FeedbackStatus.InProgress || f.Status == FeedbackStatus.AwaitingApproval)
            .Select(f => new Due(f.Id, f.TrackingCode, f.Subject, f.AssignedUnitId, f.AssignedUnit!.Name, f.AssignedUnit.Path, f.DueOn!.Value, f.ReminderSent))
            .ToListAsync(ct);

        // Claimed by a conditional update, so with several copies of the app running only one mails each item.
        var claimed = new List<Due>();
        foreach (var item in candidates.Where(c => c.Sent != c.Key(today)))
        {
            var key = item.Key(today);
            if (await db.FeedbackItems.Where(f => f.Id == item.Id && f.ReminderSent == item.Sent)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.ReminderSent, key), ct) == 1)
            {
                claimed.Add(item);
            }
        }

        if (claimed.Count == 0)
        {
            return 0;
        }

        var site = siteAddress.Origin;
        var mails = (await RecipientsAsync(claimed, today, ct)).Select(r => Compose(r.Name, r.Email, r.Items, today, site)).ToList();
        var failed = await mailer.SendAsync(mails, ct);
        metrics.RemindersSent.Add(mails.Count - failed.Count, new KeyValuePair<string, object?>("kind", "feedback"));
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Feedback deadline reminders: {Sent} mails about {Items} items, {Failed} failed", mails.Count - failed.Count, claimed.Count, failed.Count);
        }

        return mails.Count - failed.Count;
    }

    private async Task<List<(string Name, string Email, List<Due> Items)>> RecipientsAsync(List<Due> items, DateOnly today, CancellationToken ct)
    {
        static IEnumerable<int> Above(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture));
        var unitIds = items.SelectMany(i => Above(i.UnitPath).Append(i.UnitId)).Distinct().ToList();
        var staff = await db.Users.AsNoTracking().Where(u => unitIds.Contains(u.UnitId) && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.FullName, u.UnitId }).ToListAsync(ct);
        var roles = (await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(x => x.UserId, x => x.Name);
        var byPerson = new Dictionary<string, (string Name, string Email, List<Due> Items)>();
        foreach (var item in items)
        {
            var above = Above(item.UnitPath).ToHashSet();
            var overdue = item.DueOn < today;
            foreach (var u in staff.Where(u =>
                (u.UnitId == item.UnitId && roles[u.Id].Any(r => FeedbackSetup.HandlerRoles.Contains(r) && r != Roles.Administrator))
                || (overdue && above.Contains(u.UnitId) && roles[u.Id].Contains(Roles.Leader))))
            {
                if (!byPerson.TryGetValue(u.Id, out var entry))
                {
                    byPerson[u.Id] = entry = (u.FullName, u.Email!, []);
                }

                entry.Items.Add(item);
            }
        }

        return [.. byPerson.Values];
    }

    private static OutgoingMail Compose(string name, string email, List<Due> items, DateOnly today, string site)
    {
        var body = new StringBuilder();
        body.Append("Kính gửi đồng chí ").Append(name).Append(",\n\n");
        body.Append(CultureInfo.InvariantCulture, $"Có {items.Count} góp ý, phản ánh, kiến nghị sắp đến hạn hoặc đã quá hạn xử lý:\n\n");
        foreach (var item in items.OrderBy(i => i.DueOn))
        {
            var state = item.DueOn < today ? $"QUÁ HẠN từ {item.DueOn:dd/MM/yyyy}" : $"hạn {item.DueOn:dd/MM/yyyy}";
            body.Append(CultureInfo.InvariantCulture, $"- {item.Code}: {item.Subject} ({item.UnitName}; {state})\n  {site}/quan-tri/phan-anh-kien-nghi/{item.Id}\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"\nDanh sách: {site}/quan-tri/phan-anh-kien-nghi\n\nThư này do hệ thống CitizenVoice gửi tự động.\n");
        var overdue = items.Count(i => i.DueOn < today);
        var subject = overdue > 0 ? $"Nhắc việc: {overdue} góp ý, phản ánh quá hạn xử lý" : $"Nhắc việc: {items.Count} góp ý, phản ánh sắp đến hạn";
        return new OutgoingMail(email, name, subject, body.ToString());
    }
}

/// <summary>Runs <see cref="FeedbackReminders"/> every hour, so an item that comes near its deadline is told the same day.</summary>
public sealed class FeedbackReminderService(IServiceScopeFactory scopes, ILogger<FeedbackReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(5), stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
            do
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<FeedbackReminders>().RunAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One bad run (database busy, mail server down) must not stop the next.
                    logger.LogError(e, "Feedback deadline reminders failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
