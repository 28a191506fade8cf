using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Infrastructure;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Dialogues;

/// <summary>
/// Personal data kept for a purpose goes a set time after the purpose ends (Law 91/2025), on the app's clock moved
/// ahead: kept the day before, gone the day after, the rest of the record untouched.
/// </summary>
public sealed class ContactRetentionTests(ClockApp app) : IClassFixture<ClockApp>
{
    private Task<int> RunAsync() => PersonalDataRetention.RunOnceAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), CancellationToken.None);

    private async Task<int> AskAsync(int sessionId, string text, string name, string phone)
    {
        using var client = app.CreateClient();
        using var sent = await client.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions", new { text, authorName = name, phone, contactConsent = true });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private Task<Opinion> OpinionAsync(int id) => app.WithDbAsync(db => db.Opinions.AsNoTracking().SingleAsync(o => o.Id == id));

    [Fact]
    public async Task Registrants_phones_go_30_days_after_the_session_and_question_authors_names_and_phones_90_days_after_the_follow_up()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.OpenForQuestions);
        using var attendee = app.CreateStaffClient();
        using (var registered = await attendee.SubmitFormAsync($"/doi-thoai/{sessionId}",
                   [new("Attendee.Name", "Lý Thị Hoa"), new("Attendee.Group", "Citizen"), new("Attendee.Phone", "0911 222 333"), new("Attendee.PhoneConsent", "true")],
                   formAction: "handler=Register"))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        var answered = await AskAsync(sessionId, "Xin hỏi cấp lại căn cước bị mất cần giấy tờ gì?", "Hà Văn Nam", "0988 777 666");
        var promised = await AskAsync(sessionId, "Đề nghị lắp đèn chiếu sáng đoạn đường qua thôn Nà Pẻn.", "Triệu Thị Lan", "0977 111 222");

        // The session ends now and both questions are answered; the second carries a promise still open.
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(async db =>
        {
            await db.DialogueSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.StartsAt, now.AddHours(-3)).SetProperty(x => x.EndsAt, now).SetProperty(x => x.Status, DialogueStatus.Closed));
            await db.Opinions.Where(o => o.Id == answered || o.Id == promised).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Status, OpinionStatus.Answered).SetProperty(o => o.Answer, "Công an xã đã tiếp nhận và giải quyết.").SetProperty(o => o.AnsweredAt, now));
            var unit = await db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync();
            db.Commitments.Add(new Commitment
            {
                OpinionId = promised, SessionId = sessionId, What = "Lắp đèn chiếu sáng", ResponsibleUnitId = unit,
                DueOn = app.Today.AddDays(120), Status = CommitmentStatus.InProgress,
            });
            await db.SaveChangesAsync();
        });
        Task<Registration> RegistrationAsync() => app.WithDbAsync(db => db.Registrations.AsNoTracking().SingleAsync(r => r.SessionId == sessionId));

        app.TestClock.Advance(TimeSpan.FromDays(29));
        await RunAsync();
        Assert.NotNull((await RegistrationAsync()).ProtectedPhone);

        app.TestClock.Advance(TimeSpan.FromDays(2));
        await RunAsync();
        var registration = await RegistrationAsync();
        Assert.Null(registration.ProtectedPhone);
        Assert.Equal("Lý Thị Hoa", registration.AttendeeName);
        Assert.NotNull((await OpinionAsync(answered)).ProtectedContact);

        app.TestClock.Advance(TimeSpan.FromDays(58));
        await RunAsync();
        Assert.Equal("Hà Văn Nam", (await OpinionAsync(answered)).AuthorName);
        Assert.NotNull((await OpinionAsync(answered)).ProtectedContact);

        app.TestClock.Advance(TimeSpan.FromDays(2));
        await RunAsync();
        var gone = await OpinionAsync(answered);
        Assert.Null(gone.ProtectedContact);
        Assert.Null(gone.AuthorName);
        Assert.Equal("Xin hỏi cấp lại căn cước bị mất cần giấy tờ gì?", gone.Text);
        Assert.Equal("Công an xã đã tiếp nhận và giải quyết.", gone.Answer);
        Assert.Equal(OpinionStatus.Answered, gone.Status);
        // The author of an open promise is still to be told when it is kept.
        var waiting = await OpinionAsync(promised);
        Assert.NotNull(waiting.ProtectedContact);
        Assert.Equal("Triệu Thị Lan", waiting.AuthorName);

        var closedAt = app.Clock.GetUtcNow().UtcDateTime;
        await app.WithDbAsync(db => db.Commitments.Where(c => c.OpinionId == promised).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, CommitmentStatus.Done).SetProperty(c => c.Evidence, "Đã lắp 12 bóng đèn.").SetProperty(c => c.ClosedAt, closedAt)));
        app.TestClock.Advance(TimeSpan.FromDays(89));
        await RunAsync();
        Assert.NotNull((await OpinionAsync(promised)).ProtectedContact);

        app.TestClock.Advance(TimeSpan.FromDays(2));
        await RunAsync();
        var kept = await OpinionAsync(promised);
        Assert.Null(kept.ProtectedContact);
        Assert.Null(kept.AuthorName);
        Assert.Equal(CommitmentStatus.Done, await app.WithDbAsync(db => db.Commitments.Where(c => c.OpinionId == promised).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_survey_respondents_contact_goes_90_days_after_the_round_that_counts_the_response_closes_and_the_answers_stay()
    {
        var today = app.Today;
        await app.WithDbAsync(async db =>
        {
            var unit = await db.Units.Where(u => u.Code == "BK-BB").Select(u => u.Id).SingleAsync();
            var field = await db.Fields.Where(f => f.Code == "CCCD").Select(f => f.Id).SingleAsync();
            db.SurveyRounds.Add(new SurveyRound
            {
                Name = $"Đợt thử thời hạn lưu liên hệ {Guid.NewGuid():N}", StartsOn = today.AddDays(-5), EndsOn = today.AddDays(10),
                Targets = [new SurveyRoundTarget { UnitId = unit, FieldId = field, Target = 100 }],
            });
            await db.SaveChangesAsync();
        });

        async Task<string> RateAsync(string unitAndField)
        {
            using var citizen = app.CreateStaffClient();
            var form = await citizen.GetPageAsync($"/khao-sat/{unitAndField}");
            var first = form.QuerySelector("input[type=radio]")!.GetAttribute("name")!;
            var comment = $"Xin gọi lại cho tôi {Guid.NewGuid():N}";
            using var sent = await citizen.SubmitFormAsync($"/khao-sat/{unitAndField}",
                [new(first, "4"), new("Contact", "0912 345 678"), new("ContactConsent", "true"), new("Comment", comment)]);
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            return comment;
        }

        var inRound = await RateAsync("BK-BB/CCCD");
        var outsideRounds = await RateAsync("BK-CM/DKX");
        Task<SurveyResponse> ResponseAsync(string comment) => app.WithDbAsync(db => db.SurveyResponses.AsNoTracking().SingleAsync(r => r.Comment == comment));

        app.TestClock.Advance(TimeSpan.FromDays(89));
        await RunAsync();
        Assert.NotNull((await ResponseAsync(outsideRounds)).ContactProtected);

        app.TestClock.Advance(TimeSpan.FromDays(2));
        await RunAsync();
        Assert.Null((await ResponseAsync(outsideRounds)).ContactProtected);
        Assert.NotNull((await ResponseAsync(inRound)).ContactProtected);

        app.TestClock.Advance(TimeSpan.FromDays(10));
        await RunAsync();
        var response = await ResponseAsync(inRound);
        Assert.Null(response.ContactProtected);
        Assert.Single(response.Answers);
        Assert.False(response.IsDeleted);
    }
}
