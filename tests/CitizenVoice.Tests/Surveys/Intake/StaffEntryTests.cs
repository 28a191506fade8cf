using System.Net;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Data;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using CitizenVoice.Tests.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Surveys;

[Collection(AppCollection.Name)]
public sealed class StaffEntryTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task A_survey_team_member_of_a_district_cannot_enter_a_response_for_a_commune_of_that_district_but_can_for_another_district()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        await SignInTests.CreateAccountAsync(admin, "khaosat.nganson", "BK-NS", role: "SurveyTeam");
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat.nganson");

        var page = await member.GetPageAsync("/quan-tri/khao-sat/nhap");
        Assert.Null(page.QuerySelector("#UnitCode option[value='BK-NS-VT']"));
        Assert.Null(page.QuerySelector("#UnitCode option[value='BK-NS']"));
        Assert.NotNull(page.QuerySelector("#UnitCode option[value='BK-BB']"));
        var first = page.QuerySelector("input[type=radio]")!.GetAttribute("name")!;

        using var own = await member.SubmitFormAsync("/quan-tri/khao-sat/nhap",
            [new("UnitCode", "BK-NS-VT"), new("FieldCode", "CU-TRU"), new("Channel", "Phone"), new(first, "2"), new("Comment", "Độc lập 1")]);
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.StartsWith("/khong-co-quyen", own.Headers.Location!.PathAndQuery);
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.AnyAsync(r => r.Comment == "Độc lập 1")));

        using var other = await member.SubmitFormAsync("/quan-tri/khao-sat/nhap",
            [new("UnitCode", "BK-BB"), new("FieldCode", "CU-TRU"), new("Channel", "Phone"), new(first, "2"), new("Comment", "Độc lập 2")]);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/quan-tri/khao-sat/nhap?", other.Headers.Location!.OriginalString);
        var stored = await app.WithDbAsync(db => db.SurveyResponses.SingleAsync(r => r.Comment == "Độc lập 2"));
        Assert.Equal(SurveyChannel.Phone, stored.Channel);
        Assert.NotNull(stored.EnteredById);
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(e =>
            e.EntityType == nameof(SurveyResponse) && e.EntityKey == stored.Id.ToString() && e.UserName == "khaosat.nganson" && e.Action == "create")));
    }

    [Fact]
    public async Task After_saving_a_phone_or_email_response_the_form_keeps_the_unit_field_channel_and_day_for_the_next_one()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var page = await member.GetPageAsync("/quan-tri/khao-sat/nhap");
        var first = page.QuerySelector("input[type=radio]")!.GetAttribute("name")!;

        using var saved = await member.SubmitFormAsync("/quan-tri/khao-sat/nhap",
            [new("UnitCode", "BK-BB"), new("FieldCode", "CU-TRU"), new("Channel", "Email"), new("ContactDate", "2026-01-07"),
             new(first, "4"), new("Comment", "Lô phiếu qua thư")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var next = await member.GetPageAsync(saved.Headers.Location!.OriginalString);
        Assert.Equal("BK-BB", next.QuerySelector("#UnitCode option[selected]")?.GetAttribute("value"));
        Assert.Equal("CU-TRU", next.QuerySelector("#FieldCode option[selected]")?.GetAttribute("value"));
        Assert.Equal("Email", next.QuerySelector("#Channel option[selected]")?.GetAttribute("value"));
        Assert.Equal("2026-01-07", next.QuerySelector("#ContactDate")?.GetAttribute("value"));
        Assert.Empty(next.QuerySelectorAll("input[type=radio][checked]"));
    }

    [Fact]
    public async Task The_provincial_survey_team_enters_a_phone_response_for_a_commune()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var page = await member.GetPageAsync("/quan-tri/khao-sat/nhap");
        var first = page.QuerySelector("input[type=radio]")!.GetAttribute("name")!;

        using var response = await member.SubmitFormAsync("/quan-tri/khao-sat/nhap",
            [new("UnitCode", "BK-NS-VT"), new("FieldCode", "CU-TRU"), new("Channel", "Email"), new("ContactDate", "2026-01-05"),
             new(first, "4"), new("Comment", "Qua thư điện tử")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.SurveyResponses.SingleAsync(r => r.Comment == "Qua thư điện tử"));
        Assert.Equal(SurveyChannel.Email, stored.Channel);
    }

    [Fact]
    public async Task An_officer_cannot_open_the_survey_entry_page()
    {
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        using var response = await officer.Http.GetAsync("/quan-tri/khao-sat/nhap");
        Assert.StartsWith("/khong-co-quyen", response.Headers.Location!.PathAndQuery);
    }
}

[Collection(AppCollection.Name)]
public sealed class RollupCheckTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_rollup_check_finds_no_difference_after_responses_and_a_deletion()
    {
        using var client = app.CreateClient();
        var answers = SurveyData.AllAnswers(await SurveyData.CurrentAsync(client), 3);
        using var posted = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/survey-responses",
            new { unitCode = "BK-TP", fieldCode = "PCCC", channel = "kiosk", answers });
        var id = Guid.Parse((await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(posted.Content))
            .GetProperty("id").GetString()!);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<SurveyRecorder>().DeleteAsync(id, "Phiếu nhập nhầm"));
        }

        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        using var response = await admin.SubmitFormAsync("/quan-tri/khao-sat/kiem-tra", []);
        var page = await StaffClient.ParseAsync(response);
        Assert.Contains("Không có chênh lệch", page.QuerySelector("#rollup-result")!.TextContent);
    }

    [Fact]
    public async Task The_rollup_check_reports_a_tampered_count()
    {
        var unitId = await PostOneAsync("BK-BT", "DKX", "online", 1);

        // Five more "1" answers to one question in one daily row than the responses hold.
        Task TamperAsync(int delta) => app.WithDbAsync(async db =>
        {
            var row = await db.DailyRollups.Where(r => r.UnitId == unitId && r.FieldId == db.Fields.Single(f => f.Code == "DKX").Id && r.Answers.Contains(":1="))
                .OrderBy(r => r.Day).FirstAsync();
            var counts = new AnswerCounts();
            counts.Add(row.Answers);
            var (questionId, value, _) = counts.Entries.Where(e => e.Value == 1).OrderBy(e => e.QuestionId).First();
            counts.Add(questionId, value, delta);
            row.Answers = counts.ToString();
            await db.SaveChangesAsync();
        });
        await TamperAsync(+5);
        try
        {
            var differences = await CheckAsync();
            var difference = Assert.Single(differences);
            Assert.Equal(difference.Expected + 5, difference.Recorded);
        }
        finally
        {
            await TamperAsync(-5);
        }

        Assert.Empty(await CheckAsync());
    }

    [Fact]
    public async Task Rebuilding_recomputes_lost_and_wrong_rollup_rows_from_the_responses()
    {
        var unitId = await PostOneAsync("BK-BB", "CCCD", "online", 4);
        await app.WithDbAsync(async db =>
        {
            await app.Services.GetRequiredService<PendingRollupFold>().FoldAsync(db);
            await db.DailyRollups.Where(r => r.UnitId == unitId).ExecuteDeleteAsync();
            await db.RollupRows.Where(r => r.UnitId == unitId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Responses, r => r.Responses + 1));
        });
        Assert.NotEmpty(await CheckAsync());

        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        using var response = await admin.SubmitFormAsync("/quan-tri/khao-sat/kiem-tra?handler=Rebuild", []);
        var page = await StaffClient.ParseAsync(response);

        Assert.Contains("Đã tính lại bảng tổng hợp", page.QuerySelector("main")!.TextContent);
        Assert.Contains("Không có chênh lệch", page.QuerySelector("#rollup-result")!.TextContent);
        Assert.Empty(await CheckAsync());
    }

    [Fact]
    public async Task Monthly_rows_rebuilt_from_the_daily_rows_agree_with_the_responses()
    {
        var unitId = await PostOneAsync("BK-BB", "CCCD", "kiosk", 2);
        await app.WithDbAsync(async db =>
        {
            await app.Services.GetRequiredService<PendingRollupFold>().FoldAsync(db);
            await db.RollupRows.Where(r => r.UnitId == unitId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Responses, r => r.Responses + 1));
            // The province's subtree-by-day rows, which serve the ends of periods that are not whole months.
            await db.RollupRows.Where(r => r.Scope == RollupScope.SubtreeByDay && r.UnitId == db.Units.Single(u => u.Code == "BK").Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Responses, r => r.Responses + 1));
        });
        var differences = await CheckAsync();
        Assert.Contains(differences, d => d.Table == "monthly");
        Assert.Contains(differences, d => d.Table == "daily (tree)");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<RollupRebuild>().RowsFromDailyAsync() > 0);
        }

        Assert.Empty(await CheckAsync());
    }

    /// <summary>Posts one response answering every question with <paramref name="value"/>; returns its unit's id.</summary>
    private async Task<int> PostOneAsync(string unit, string field, string channel, int value)
    {
        using var client = app.CreateClient();
        using var posted = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/v1/survey-responses",
            new { unitCode = unit, fieldCode = field, channel, answers = SurveyData.AllAnswers(await SurveyData.CurrentAsync(client), value) });
        Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);
        return await app.WithDbAsync(db => db.Units.Where(u => u.Code == unit).Select(u => u.Id).SingleAsync());
    }

    private async Task<IReadOnlyList<RollupCheck.Difference>> CheckAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RollupCheck>().RunAsync();
    }
}
