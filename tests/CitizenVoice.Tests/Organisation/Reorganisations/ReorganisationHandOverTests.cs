using System.Net;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Organisation;

/// <summary>A unit that closes hands its unfinished work to its successor and keeps its finished history (an app of its own: Ngân Sơn closes).</summary>
public sealed class ReorganisationHandOverTests(CitizenVoiceApp app) : IClassFixture<CitizenVoiceApp>
{
    [Fact]
    public async Task A_merged_unit_hands_open_feedback_and_the_session_not_yet_held_to_its_successor_and_keeps_what_is_finished()
    {
        var (open, answered) = await app.WithDbAsync(async db =>
        {
            var unit = await db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync();
            var field = await db.Fields.Where(f => f.Code == "CU-TRU").Select(f => f.Id).SingleAsync();
            FeedbackItem Item(FeedbackStatus status) => new()
            {
                TrackingCode = "PA-2026-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant(), SecretHash = "-", Kind = FeedbackKind.Report,
                Channel = FeedbackChannel.Web, FieldId = field, ReceivingUnitId = unit, AssignedUnitId = unit, Subject = "Đăng ký tạm trú",
                Content = "Xin hỏi thủ tục đăng ký tạm trú cho người thuê nhà.", ReceivedAt = DateTime.UtcNow,
                ReceivedOn = app.Today, Status = status, DueOn = app.Today.AddDays(10),
            };
            var (openItem, answeredItem) = (Item(FeedbackStatus.InProgress), Item(FeedbackStatus.Answered));
            db.FeedbackItems.AddRange(openItem, answeredItem);
            await db.SaveChangesAsync();
            return (openItem.Id, answeredItem.Id);
        });
        var sessions = await app.WithDbAsync(db => db.DialogueSessions.Where(s => s.HostUnit!.Code == "BK-NS").Select(s => new { s.Id, s.Status }).ToListAsync());
        var coming = sessions.Single(s => s.Status == DialogueStatus.OpenForQuestions).Id;
        var held = sessions.Where(s => s.Status == DialogueStatus.MinutesPublished).Select(s => s.Id).ToList();
        Assert.NotEmpty(held);

        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var preview = await ReorganisationUpload.UploadAsync(admin, "ngan-son-vao-ba-be.csv", ReorganisationUpload.Csv(
            $"{app.Today.AddMonths(-1):yyyy-MM-dd},Sáp nhập,BK-NS,BK-BB,,,,,,chuyển"));
        using (var applied = await admin.SubmitFormAsync(preview, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        var (nganSon, baBe) = await app.WithDbAsync(async db => (
            await db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync(),
            await db.Units.Where(u => u.Code == "BK-BB").Select(u => u.Id).SingleAsync()));
        var items = await app.WithDbAsync(db => db.FeedbackItems.Where(f => f.Id == open || f.Id == answered).ToDictionaryAsync(f => f.Id));
        Assert.Equal((baBe, nganSon), (items[open].AssignedUnitId, items[open].ReceivingUnitId));
        Assert.Equal(nganSon, items[answered].AssignedUnitId);
        var hosts = await app.WithDbAsync(db => db.DialogueSessions.ToDictionaryAsync(s => s.Id, s => s.HostUnitId));
        Assert.Equal(baBe, hosts[coming]);
        Assert.All(held, id => Assert.Equal(nganSon, hosts[id]));

        // The history page says so.
        var history = (await admin.GetPageAsync("/quan-tri/to-chuc-lai")).Body!.TextContent;
        Assert.Contains("việc chưa xong", history, StringComparison.Ordinal);
    }
}
