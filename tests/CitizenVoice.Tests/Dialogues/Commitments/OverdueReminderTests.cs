using System.Net;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Dialogues;

/// <summary>The app with a mail server: overdue commitments reach the people who must act on them, once a week at most.</summary>
public class MailingApp : CitizenVoiceApp
{
    public SmtpSink Smtp { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Smtp:Host", "127.0.0.1"), new("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Smtp:From", "Công an tỉnh Bắc Kạn <noreply@congan.backan.example>"), new("Smtp:UseStartTls", "false"),
        new("Site:PublicUrl", "https://doithoai.congan.backan.example"),
        // The timer stays out of the way: these tests press the button and must see only their own run.
        new("Dialogues:Reminders:FirstRunAfter", "01:00:00"),
    ];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Smtp.Dispose();
    }
}

/// <summary>The same, with the daily timer turned into a one-second one.</summary>
public sealed class TimedMailingApp : MailingApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [.. base.Settings, new("Dialogues:Reminders:FirstRunAfter", "00:00:01"), new("Dialogues:Reminders:Interval", "00:00:01")];
}

public sealed class OverdueReminderTimerTests(TimedMailingApp app) : IClassFixture<TimedMailingApp>
{
    [Fact]
    public async Task The_timer_mails_a_newly_overdue_commitment_without_anyone_pressing_a_button_and_only_once()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Closed);
        var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị sửa cầu treo vào bản.", OpinionStatus.Answered);
        var what = $"Sửa cầu treo {Guid.NewGuid():N}";
        await app.WithDbAsync(async db =>
        {
            db.Commitments.Add(new Commitment
            {
                OpinionId = opinionId, SessionId = sessionId, What = what, Status = CommitmentStatus.Open,
                DueOn = app.Today.AddDays(-2),
                ResponsibleUnitId = await db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync(),
            });
            await db.SaveChangesAsync();
        });

        bool Mailed() => app.Smtp.Mails.Any(m => m.Recipients.Contains("canbo.nganson@congan.backan.example") && m.Text.Contains(what));
        for (var waited = 0; !Mailed() && waited < 300; waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(Mailed(), "No reminder was mailed within 30 seconds of the commitment falling overdue.");
        // Several more runs of the one-second timer: still one mail per person about it.
        await Task.Delay(3000);
        Assert.Single(app.Smtp.Mails, m => m.Recipients.Contains("canbo.nganson@congan.backan.example") && m.Text.Contains(what));
    }
}

public sealed class OverdueReminderTests(MailingApp app) : IClassFixture<MailingApp>
{
    private const string Domain = "@congan.backan.example";

    private async Task<int> CommitAsync(int sessionId, int opinionId, string unitCode, string what, int dueInDays, CommitmentStatus status) =>
        await app.WithDbAsync(async db =>
        {
            var commitment = new Commitment
            {
                OpinionId = opinionId, SessionId = sessionId, What = what, DueOn = app.Today.AddDays(dueInDays),
                ResponsibleUnitId = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync(), Status = status,
            };
            db.Commitments.Add(commitment);
            await db.SaveChangesAsync();
            return commitment.Id;
        });

    private async Task PressSendNowAsync()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        using var response = await admin.SubmitFormAsync("/quan-tri/doi-thoai/cam-ket", [], "handler=Remind");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("thư nhắc việc", page.QuerySelector("[role=status]")!.TextContent);
    }

    [Fact]
    public async Task Overdue_commitments_are_emailed_to_the_units_staff_and_the_leaders_above_it_once()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Closed);
        var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị làm lại đường vào trụ sở Công an xã.", OpinionStatus.Answered);
        var district = $"Sửa biển báo trước cổng trường {Guid.NewGuid():N}";
        var commune = $"Tổ chức cấp căn cước lưu động tại thôn {Guid.NewGuid():N}";
        var notYet = $"Lắp đèn chiếu sáng {Guid.NewGuid():N}";
        var done = $"Đã trả thẻ tồn đọng {Guid.NewGuid():N}";
        var districtId = await CommitAsync(sessionId, opinionId, "BK-NS", district, -3, CommitmentStatus.InProgress);
        await CommitAsync(sessionId, opinionId, "BK-NS-VT", commune, -1, CommitmentStatus.Open);
        await CommitAsync(sessionId, opinionId, "BK-NS", notYet, 5, CommitmentStatus.Open);
        await CommitAsync(sessionId, opinionId, "BK-NS", done, -10, CommitmentStatus.Done);

        await PressSendNowAsync();

        var mails = app.Smtp.Mails;
        SunkMail To(string user) => Assert.Single(mails, m => m.Recipients.Contains(user + Domain));
        // The district's officer: the district's commitment only (the commune's is not their unit's).
        var officer = To("canbo.nganson");
        Assert.Contains(district, officer.Text);
        Assert.DoesNotContain(commune, officer.Text);
        Assert.Contains("quá hạn 3 ngày", officer.Text);
        Assert.Contains($"https://doithoai.congan.backan.example/quan-tri/doi-thoai/cam-ket#cam-ket-{districtId}", officer.Text);
        Assert.StartsWith("Nhắc việc", officer.Message.Subject);
        Assert.Contains("noreply@congan.backan.example", officer.Message.From.ToString());
        // The district leader and the provincial director answer for the commune below them too: one email each, listing both.
        foreach (var leader in new[] { "lanhdao.nganson", "lanhdao" })
        {
            var mail = To(leader);
            Assert.Contains(district, mail.Text);
            Assert.Contains(commune, mail.Text);
        }

        Assert.DoesNotContain(mails, m => m.Recipients.Contains("canbo.babe" + Domain) || m.Recipients.Contains("admin" + Domain));
        Assert.DoesNotContain(mails, m => m.Text.Contains(notYet) || m.Text.Contains(done));

        // The next run (the next day, or the button pressed again) does not mail the same commitments again.
        var before = mails.Count;
        await PressSendNowAsync();
        Assert.DoesNotContain(app.Smtp.Mails.Skip(before), m => m.Text.Contains(district) || m.Text.Contains(commune));

        // A week on, still overdue: reminded again.
        await app.WithDbAsync(db => db.Commitments.Where(c => c.Id == districtId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OverdueNotifiedAt, DateTime.UtcNow.AddDays(-8))));
        before = app.Smtp.Mails.Count;
        await PressSendNowAsync();
        var again = app.Smtp.Mails.Skip(before).ToList();
        Assert.Contains(again, m => m.Recipients.Contains("canbo.nganson" + Domain) && m.Text.Contains(district));
        Assert.DoesNotContain(again, m => m.Text.Contains(commune));
    }

    [Fact]
    public async Task Only_an_administrator_may_send_the_reminders_now()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var page = await leader.GetPageAsync("/quan-tri/doi-thoai/cam-ket");
        Assert.DoesNotContain("Gửi nhắc việc ngay", page.Body!.TextContent);
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        Assert.Contains("Gửi nhắc việc ngay", (await admin.GetPageAsync("/quan-tri/doi-thoai/cam-ket")).Body!.TextContent);
    }
}
