using System.Globalization;
using System.Net;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
