using System.Globalization;
using System.Net;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Dialogues;

/// <summary>Who learns by email that a question waits for their written answer.</summary>
public sealed class AnswerAssignmentMailTests(MailingApp app) : IClassFixture<MailingApp>
{
    private const string Domain = "@congan.backan.example";

    [Fact]
    public async Task The_official_named_on_an_assignment_is_emailed_with_the_question_the_due_date_and_a_link_to_the_work_list()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        const string question = "Xin hỏi thủ tục xác nhận thông tin cư trú cho người đi làm xa.";
        var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, question, OpinionStatus.Approved);
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync());
        var officer = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "canbo.nganson").Select(u => u.Id).SingleAsync());
        var due = app.Today.AddDays(12);
        var before = app.Smtp.Mails.Count;

        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        using var response = await secretary.SubmitFormAsync($"/quan-tri/doi-thoai/{sessionId}/dieu-phoi", [
            new("opinionId", opinionId.ToString(CultureInfo.InvariantCulture)), new("unitId", unitId.ToString(CultureInfo.InvariantCulture)),
            new("assigneeId", officer), new("dueOn", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))], formAction: "handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var mails = app.Smtp.Mails.Skip(before).ToList();
        var mail = Assert.Single(mails);
        Assert.Contains("canbo.nganson" + Domain, mail.Recipients);
        Assert.Contains(question, mail.Text);
        Assert.Contains(due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), mail.Text);
        var id = await app.WithDbAsync(db => db.AnswerAssignments.Where(a => a.OpinionId == opinionId).Select(a => a.Id).SingleAsync());
        Assert.Contains($"https://doithoai.congan.backan.example/quan-tri/viec-duoc-giao#giao-{id}", mail.Text);
        // Nobody else of the district is bothered when a person was named.
        Assert.DoesNotContain(mails, m => m.Recipients.Contains("lanhdao.nganson" + Domain));
    }
}

/// <summary>Written answers past their due date without an approved answer are reminded by email once a day.</summary>
public sealed class OverdueAnswerReminderTests(MailingApp app) : IClassFixture<MailingApp>
{
    private const string Domain = "@congan.backan.example";

    private async Task<int> AssignAsync(string question, string unitCode, string? assignee, int dueInDays, AnswerAssignmentStatus status)
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, unitCode, DialogueStatus.Closed);
        var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, question, OpinionStatus.Approved);
        return await app.WithDbAsync(async db =>
        {
            var assignment = new AnswerAssignment
            {
                OpinionId = opinionId, SessionId = sessionId, UnitId = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync(),
                AssigneeId = assignee is null ? null : await db.Users.Where(u => u.UserName == assignee).Select(u => u.Id).SingleAsync(),
                AssigneeName = assignee, DueOn = app.Today.AddDays(dueInDays), Status = status, AssignedBy = "thuky", AssignedAt = DateTime.UtcNow,
            };
            db.AnswerAssignments.Add(assignment);
            await db.SaveChangesAsync();
            return assignment.Id;
        });
    }

    /// <summary>Two copies of the app whose daily timers fire at the same moment.</summary>
    private async Task TwoCopiesRunAsync()
    {
        async Task RunAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OverdueAnswerReminders>().RunAsync(CancellationToken.None);
        }

        await Task.WhenAll(RunAsync(), RunAsync());
    }

    [Fact]
    public async Task An_overdue_assignment_without_an_approved_answer_is_emailed_once_a_day_even_when_two_copies_of_the_app_run()
    {
        var named = $"Xin hỏi thời gian cấp lại căn cước {Guid.NewGuid():N}";
        var unnamed = $"Xin hỏi về đăng ký tạm trú cho sinh viên {Guid.NewGuid():N}";
        var notDue = $"Xin hỏi giờ làm việc thứ Bảy {Guid.NewGuid():N}";
        var approved = $"Xin hỏi lệ phí đổi căn cước {Guid.NewGuid():N}";
        var namedId = await AssignAsync(named, "BK-NS", "canbo.nganson", -3, AnswerAssignmentStatus.AwaitingApproval);
        await AssignAsync(unnamed, "BK-NS", null, -1, AnswerAssignmentStatus.Assigned);
        await AssignAsync(notDue, "BK-NS", null, 2, AnswerAssignmentStatus.Assigned);
        await AssignAsync(approved, "BK-NS", "canbo.nganson", -5, AnswerAssignmentStatus.Published);

        await TwoCopiesRunAsync();

        var mails = app.Smtp.Mails.ToList();
        // The named official alone hears about their question, once although two copies ran.
        var aboutNamed = Assert.Single(mails, m => m.Text.Contains(named));
        Assert.Equal(["canbo.nganson" + Domain], aboutNamed.Recipients);
        Assert.StartsWith("Nhắc việc", aboutNamed.Message.Subject);
        Assert.Contains("quá hạn 3 ngày", aboutNamed.Text);
        Assert.Contains($"https://doithoai.congan.backan.example/quan-tri/viec-duoc-giao#giao-{namedId}", aboutNamed.Text);
        // Nobody was named: the unit's officer and leader each get it, once.
        Assert.Single(mails, m => m.Text.Contains(unnamed) && m.Recipients.Contains("canbo.nganson" + Domain));
        Assert.Single(mails, m => m.Text.Contains(unnamed) && m.Recipients.Contains("lanhdao.nganson" + Domain));
        Assert.DoesNotContain(mails, m => m.Text.Contains(notDue) || m.Text.Contains(approved));

        // The same day again: nothing new.
        var before = app.Smtp.Mails.Count;
        await TwoCopiesRunAsync();
        Assert.DoesNotContain(app.Smtp.Mails.Skip(before), m => m.Text.Contains(named) || m.Text.Contains(unnamed));

        // The next day, still not approved: reminded again, once.
        await app.WithDbAsync(db => db.AnswerAssignments.Where(a => a.Id == namedId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.OverdueRemindedOn, app.Today.AddDays(-1))));
        before = app.Smtp.Mails.Count;
        await TwoCopiesRunAsync();
        var again = app.Smtp.Mails.Skip(before).ToList();
        Assert.Single(again, m => m.Text.Contains(named));
        Assert.DoesNotContain(again, m => m.Text.Contains(unnamed));
    }
}
