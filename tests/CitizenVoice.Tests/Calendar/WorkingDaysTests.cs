using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Calendar;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Calendar;

[Collection(AppCollection.Name)]
public sealed class WorkingDaysTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_holidays_of_2026_are_each_listed_with_the_lunar_ones_the_swapped_day_and_the_day_made_up_for_a_sunday()
    {
        using var client = app.CreateClient();
        var days = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/holidays?year=2026");
        var dates = days!.Select(d => d.GetProperty("date").GetString()).ToList();
        Assert.Equal(
            ["2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
             "2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01", "2026-09-01", "2026-09-02"],
            dates);
        Assert.Equal("Giỗ Tổ Hùng Vương (10/3 âm lịch)", days!.Single(d => d.GetProperty("date").GetString() == "2026-04-26").GetProperty("name").GetString());
        Assert.StartsWith("Nghỉ bù", days!.Single(d => d.GetProperty("date").GetString() == "2026-04-27").GetProperty("name").GetString());
    }

    [Theory]
    // Friday before Tết 2026: the weekend, five Tết days and the next weekend are all skipped.
    [InlineData("2026-02-13", 1, "2026-02-23")]
    // Friday before Giỗ Tổ 2026, which falls on a Sunday and is made up on Monday.
    [InlineData("2026-04-24", 1, "2026-04-28")]
    // Ten working days from the Tuesday before 30/4 and 1/5.
    [InlineData("2026-04-28", 10, "2026-05-14")]
    [InlineData("2026-03-02", 0, "2026-03-02")]
    // Across the year's end into Tết 2027 (6 February, a Saturday).
    [InlineData("2026-12-31", 30, "2027-02-19")]
    public async Task Deadlines_in_working_days_skip_weekends_and_holidays(string from, int days, string expected)
    {
        using var client = app.CreateClient();
        var result = await client.GetFromJsonAsync<JsonElement>($"/api/v1/working-days?from={from}&days={days}");
        Assert.Equal(expected, result.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Days_an_administrator_adds_for_a_year_change_the_holidays_and_the_deadlines()
    {
        using var client = app.CreateClient();
        // Start from the law alone: take out the government's decision for Tết 2025 that every install starts with.
        await app.WithDbAsync(db => db.CalendarDays.Where(d => d.Date >= new DateOnly(2025, 1, 1) && d.Date <= new DateOnly(2025, 2, 28)).ExecuteDeleteAsync());
        // By law alone, Tết 2025's five days run from Tuesday 28 January to Saturday 1 February, made up on Monday 3 February.
        Assert.Equal("2025-01-27", (await client.GetFromJsonAsync<JsonElement>("/api/v1/working-days?from=2025-01-24&days=1")).GetProperty("date").GetString());
        Assert.Equal("2025-02-04", (await client.GetFromJsonAsync<JsonElement>("/api/v1/working-days?from=2025-01-27&days=1")).GetProperty("date").GetString());

        // The government's decision for 2025: Monday 27 January off instead, and Monday 3 February worked.
        await app.WithDbAsync(async db =>
        {
            db.CalendarDays.Add(new CalendarDay { Date = new DateOnly(2025, 1, 27), IsDayOff = true, Name = "Nghỉ Tết Nguyên đán theo quyết định của Chính phủ" });
            db.CalendarDays.Add(new CalendarDay { Date = new DateOnly(2025, 2, 3), IsDayOff = false, Name = "Ngày làm việc theo quyết định của Chính phủ" });
            await db.SaveChangesAsync();
        });

        var holidays = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/holidays?year=2025"))!.Select(d => d.GetProperty("date").GetString()).ToList();
        Assert.Contains("2025-01-27", holidays);
        Assert.DoesNotContain("2025-02-03", holidays);
        Assert.Equal("2025-02-03", (await client.GetFromJsonAsync<JsonElement>("/api/v1/working-days?from=2025-01-24&days=1")).GetProperty("date").GetString());
        Assert.Equal("2025-02-04", (await client.GetFromJsonAsync<JsonElement>("/api/v1/working-days?from=2025-01-24&days=2")).GetProperty("date").GetString());
        Assert.Equal("2025-02-03", (await client.GetFromJsonAsync<JsonElement>("/api/v1/working-days?from=2025-01-27&days=1")).GetProperty("date").GetString());
    }

    [Fact]
    public async Task The_governments_published_decisions_for_2025_and_2026_are_in_the_calendar_of_a_new_install()
    {
        using var client = app.CreateClient();
        var holidays2025 = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/holidays?year=2025"))!.Select(d => d.GetProperty("date").GetString()).ToList();
        // Tết 2025 ran from Saturday 25 January to Sunday 2 February; 2 May was swapped with Saturday 26 April.
        Assert.Contains("2025-01-27", holidays2025);
        Assert.DoesNotContain("2025-02-03", holidays2025);
        Assert.Contains("2025-05-02", holidays2025);
        Assert.Equal("2025-02-03", (await client.GetFromJsonAsync<JsonElement>("/api/v1/working-days?from=2025-01-24&days=1")).GetProperty("date").GetString());
        Assert.Equal("2025-04-26", (await client.GetFromJsonAsync<JsonElement>("/api/v1/working-days?from=2025-04-25&days=1")).GetProperty("date").GetString());
    }

    [Theory]
    [InlineData("/api/v1/holidays?year=abc", "year")]
    [InlineData("/api/v1/holidays?year=1800", "year")]
    [InlineData("/api/v1/holidays", "year")]
    [InlineData("/api/v1/working-days?from=2026-13-01&days=3", "from")]
    [InlineData("/api/v1/working-days?from=2026-01-05&days=-1", "days")]
    [InlineData("/api/v1/working-days?from=2026-01-05&days=999999999999", "days")]
    [InlineData("/api/v1/working-days?from=2100-12-31&days=5", "from")]
    public async Task Bad_parameters_get_a_problem_in_vietnamese_naming_the_parameter(string url, string parameter)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty(parameter)[0].GetString()!;
        Assert.Matches("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", message.ToLower(CultureInfo.GetCultureInfo("vi-VN")));
    }
}

[Collection(AppCollection.Name)]
public sealed class CalendarDaysPageTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task An_administrator_enters_the_years_decision_and_deadlines_follow_it()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var page = await admin.GetPageAsync("/quan-tri/lich-lam-viec?nam=2031");
        Assert.Contains("Giỗ Tổ Hùng Vương", page.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);

        // Friday 2 May 2031 bridges the 30/4–1/5 holidays (Wednesday, Thursday) to the weekend.
        Assert.Equal("2031-05-02", await DeadlineAsync(admin.Http, "2031-04-29", 1));
        using var added = await admin.SubmitFormAsync("/quan-tri/lich-lam-viec?nam=2031",
            [new("Input.Date", "2031-05-02"), new("Input.IsDayOff", "true"), new("Input.Name", "Nghỉ liền dịp 30/4 – 1/5")], "handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("2031-05-05", await DeadlineAsync(admin.Http, "2031-04-29", 1));

        // The same day again is refused with a message, and the first entry stays.
        using var again = await admin.SubmitFormAsync("/quan-tri/lich-lam-viec?nam=2031",
            [new("Input.Date", "2031-05-02"), new("Input.IsDayOff", "false"), new("Input.Name", "Làm việc")], "handler=Add");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("đã có trong lịch", (await StaffClient.ParseAsync(again)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2031-05-05", await DeadlineAsync(admin.Http, "2031-04-29", 1));

        using var deleted = await admin.SubmitFormAsync("/quan-tri/lich-lam-viec?nam=2031", [], "handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("2031-05-02", await DeadlineAsync(admin.Http, "2031-04-29", 1));
    }

    [Fact]
    public async Task Only_administrators_change_the_calendar()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        using var response = await leader.Http.GetAsync(new Uri("/quan-tri/lich-lam-viec", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string?> DeadlineAsync(HttpClient client, string from, int days) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/working-days?from={from}&days={days}")).GetProperty("date").GetString();
}
