using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using CitizenVoice.Tests.Staff;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Dialogues;

[Collection(AppCollection.Name)]
public sealed class CommitmentTests(CitizenVoiceApp app)
{
    private async Task<(int Overdue, int Future, int Done)> ArrangeAsync(string unitCode)
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, unitCode, DialogueStatus.Closed);
        var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị sửa biển báo trước cổng trường.", OpinionStatus.Answered);
        var today = app.Today;
        return await app.WithDbAsync(async db =>
        {
            var unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
            Commitment Make(string what, DateOnly due, CommitmentStatus status) => new()
            {
                OpinionId = opinionId, SessionId = sessionId, What = what, ResponsibleUnitId = unitId, DueOn = due, Status = status,
            };
            var overdue = Make($"Quá hạn {Guid.NewGuid():N}", today.AddDays(-1), CommitmentStatus.InProgress);
            var future = Make($"Còn hạn {Guid.NewGuid():N}", today.AddDays(5), CommitmentStatus.Open);
            var done = Make($"Đã xong {Guid.NewGuid():N}", today.AddDays(-10), CommitmentStatus.Done);
            db.Commitments.AddRange(overdue, future, done);
            await db.SaveChangesAsync();
            return (overdue.Id, future.Id, done.Id);
        });
    }

    [Fact]
    public async Task An_overdue_commitment_stands_out_for_its_district_leader_and_a_done_one_does_not()
    {
        var (overdue, future, done) = await ArrangeAsync("BK-NS");
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");

        var page = await leader.GetPageAsync("/quan-tri/doi-thoai/cam-ket");
        Assert.Contains("Quá hạn 1 ngày", page.QuerySelector($"tr[data-commitment='{overdue}']")!.TextContent);
        Assert.Null(page.QuerySelector($"tr[data-commitment='{future}']"));
        Assert.Null(page.QuerySelector($"tr[data-commitment='{done}']"));

        var all = await leader.GetPageAsync("/quan-tri/doi-thoai/cam-ket?xem=tat-ca");
        Assert.NotNull(all.QuerySelector($"tr[data-commitment='{future}']"));
        Assert.Null(all.QuerySelector($"tr[data-commitment='{done}']"));
    }

    [Fact]
    public async Task Another_districts_officer_does_not_see_Ngan_Sons_commitments()
    {
        var (overdue, _, _) = await ArrangeAsync("BK-NS");
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.babe");
        var page = await officer.GetPageAsync("/quan-tri/doi-thoai/cam-ket");
        Assert.Null(page.QuerySelector($"tr[data-commitment='{overdue}']"));

        using var own = app.CreateStaffClient();
        await own.SignInAsync("canbo.nganson");
        Assert.NotNull((await own.GetPageAsync("/quan-tri/doi-thoai/cam-ket")).QuerySelector($"tr[data-commitment='{overdue}']"));
    }

    [Fact]
    public async Task Without_a_mail_server_the_administrator_is_told_that_no_reminders_are_emailed()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var page = await admin.GetPageAsync("/quan-tri/doi-thoai/cam-ket");
        Assert.Contains("Smtp:Host", page.QuerySelector(".email-disabled")!.TextContent);
        Assert.DoesNotContain("Gửi nhắc việc ngay", page.Body!.TextContent);
    }
}
