using System.Net;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Organisation;

/// <summary>A unit that closes hands its unfinished work to its successor and keeps its finished history (an app of its own: Ngân Sơn closes).</summary>
public sealed class ReorganisationHandOverTests(CitizenVoiceApp app) : IClassFixture<CitizenVoiceApp>
{
    [Fact]
    public async Task A_merged_unit_hands_open_feedback_the_session_not_yet_held_and_the_rest_of_its_survey_target_to_its_successor_and_keeps_what_is_finished()
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

        // Two survey rounds: one still running (Ngân Sơn has answers left to collect in two fields, Ba Bể a target in
        // one of them), one finished before.
        var (running, finished, collected) = await app.WithDbAsync(async db =>
        {
            var units = await db.Units.Where(u => u.Code == "BK-NS" || u.Code == "BK-BB").ToDictionaryAsync(u => u.Code, u => u.Id);
            var fields = await db.Fields.Where(f => f.Code == "CU-TRU" || f.Code == "CCCD").ToDictionaryAsync(f => f.Code, f => f.Id);
            var (from, to) = (app.Today.AddDays(-60), app.Today.AddDays(30));
            var collected = await db.SurveyResponses.Where(r => !r.IsDeleted && r.UnitId == units["BK-NS"] && r.Day >= from && r.Day <= to)
                .GroupBy(r => r.FieldId).ToDictionaryAsync(g => g.Key, g => g.Count());
            var runningRound = new SurveyRound
            {
                Name = "Đợt khảo sát chạy qua sáp nhập", StartsOn = from, EndsOn = to,
                Targets =
                [
                    new SurveyRoundTarget { UnitId = units["BK-NS"], FieldId = fields["CU-TRU"], Target = collected.GetValueOrDefault(fields["CU-TRU"]) + 40 },
                    new SurveyRoundTarget { UnitId = units["BK-NS"], FieldId = fields["CCCD"], Target = collected.GetValueOrDefault(fields["CCCD"]) + 25 },
                    new SurveyRoundTarget { UnitId = units["BK-BB"], FieldId = fields["CU-TRU"], Target = 300 },
                ],
            };
            var finishedRound = new SurveyRound
            {
                Name = "Đợt khảo sát đã xong", StartsOn = app.Today.AddDays(-120), EndsOn = app.Today.AddDays(-90),
                Targets = [new SurveyRoundTarget { UnitId = units["BK-NS"], FieldId = fields["CU-TRU"], Target = 5000 }],
            };
            db.SurveyRounds.AddRange(runningRound, finishedRound);
            await db.SaveChangesAsync();
            return (runningRound.Id, finishedRound.Id, collected);
        });

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

        // The running round: Ngân Sơn's targets become what it collected; the rest is added to Ba Bể's (in residence,
        // where it had one) or makes Ba Bể a target (identity cards). The finished round is left as it was.
        var targets = await app.WithDbAsync(db => db.SurveyRoundTargets.Join(db.Fields, t => t.FieldId, f => f.Id, (t, f) => new { t.RoundId, t.UnitId, f.Code, FieldId = f.Id, t.Target }).ToListAsync());
        int Target(int round, int unit, string field) => targets.Single(t => t.RoundId == round && t.UnitId == unit && t.Code == field).Target;
        var fieldIds = targets.Where(t => t.RoundId == running).DistinctBy(t => t.Code).ToDictionary(t => t.Code, t => t.FieldId, StringComparer.Ordinal);
        Assert.Equal(collected.GetValueOrDefault(fieldIds["CU-TRU"]), Target(running, nganSon, "CU-TRU"));
        Assert.Equal(collected.GetValueOrDefault(fieldIds["CCCD"]), Target(running, nganSon, "CCCD"));
        Assert.Equal(340, Target(running, baBe, "CU-TRU"));
        Assert.Equal(25, Target(running, baBe, "CCCD"));
        Assert.Equal(5000, Target(finished, nganSon, "CU-TRU"));

        // The round's page says where the rest went, and recomputing the targets from N leaves the merged unit's as it is.
        using var team = app.CreateStaffClient();
        await team.SignInAsync("khaosat");
        var progress = await team.GetPageAsync($"/quan-tri/khao-sat/dot/{running}");
        var nganSonRows = progress.QuerySelectorAll("#round-progress tr[data-unit='BK-NS']");
        Assert.Equal(2, nganSonRows.Length);
        Assert.All(nganSonRows, row => Assert.Contains("Đã sáp nhập vào Công an huyện Ba Bể", row.TextContent, StringComparison.Ordinal));
        Assert.All(nganSonRows, row => Assert.Null(row.QuerySelector("input")));
        using (var recomputed = await team.SubmitFormAsync($"/quan-tri/khao-sat/dot/{running}", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, recomputed.StatusCode);
        }

        Assert.Equal(collected.GetValueOrDefault(fieldIds["CU-TRU"]),
            await app.WithDbAsync(db => db.SurveyRoundTargets.Where(t => t.RoundId == running && t.UnitId == nganSon && t.FieldId == fieldIds["CU-TRU"]).Select(t => t.Target).SingleAsync()));

        // The history page says so.
        var history = (await admin.GetPageAsync("/quan-tri/to-chuc-lai")).Body!.TextContent;
        Assert.Contains("việc chưa xong", history, StringComparison.Ordinal);
    }
}
