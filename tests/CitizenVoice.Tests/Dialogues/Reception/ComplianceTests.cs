using CitizenVoice.Features.Dialogues;
using System.Net;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Dialogues;

[Collection(AppCollection.Name)]
public sealed class ComplianceTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task A_commune_that_held_its_dialogue_this_year_is_no_longer_listed_as_behind()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var year = app.Today.Year;
        var before = await leader.GetPageAsync($"/quan-tri/doi-thoai/tuan-thu?nam={year}");
        Assert.NotNull(before.QuerySelector("tr[data-unit='BK-NS-VT']"));
        Assert.Null(before.QuerySelector("tr[data-unit^='BK-BB-']"));

        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS-VT", DialogueStatus.Announced);
        await app.WithDbAsync(async db =>
        {
            var session = await db.DialogueSessions.FindAsync(sessionId);
            session!.StartsAt = new DateTime(year, 6, 1, 1, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
        });

        var after = await leader.GetPageAsync($"/quan-tri/doi-thoai/tuan-thu?nam={year}");
        Assert.Null(after.QuerySelector("tr[data-unit='BK-NS-VT']"));
    }

    private async Task RecordReceptionAsync(StaffClient client, string unitCode, string date, string receivedBy = "Trưởng Công an thị trấn Vân Tùng")
    {
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync());
        using var response = await client.SubmitFormAsync("/quan-tri/tiep-cong-dan",
        [
            new("Input.UnitId", unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Date", date),
            new("Input.ReceivedBy", receivedBy), new("Input.CitizensReceived", "4"), new("Input.Notes", "Tiếp tại trụ sở."),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task A_commune_that_missed_a_week_of_citizen_reception_is_listed_until_that_week_is_recorded()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        // March 2025 has five weeks starting on a Monday (3, 10, 17, 24, 31); Vân Tùng records four of them, the last
        // on Thursday 3 April, which still counts for the week that began on 31 March.
        foreach (var day in new[] { "2025-03-06", "2025-03-13", "2025-03-20", "2025-04-03" })
        {
            await RecordReceptionAsync(leader, "BK-NS-VT", day);
        }

        var page = await leader.GetPageAsync("/quan-tri/doi-thoai/tuan-thu?nam=2025&thang=3");
        var row = page.QuerySelector("tr[data-reception-unit='BK-NS-VT']");
        Assert.NotNull(row);
        Assert.Contains("1 trên 5 tuần", row.TextContent);
        Assert.Equal("3", row.QuerySelectorAll("td")[1].TextContent.Trim());
        // The province has no reception day in March 2025 either: its director's monthly day is missing.
        Assert.Contains("1 trên 1 tháng", page.QuerySelector("tr[data-reception-unit='BK']")!.TextContent);

        await RecordReceptionAsync(leader, "BK-NS-VT", "2025-03-27");
        await RecordReceptionAsync(leader, "BK", "2025-03-14", "Giám đốc Công an tỉnh");
        var after = await leader.GetPageAsync("/quan-tri/doi-thoai/tuan-thu?nam=2025&thang=3");
        Assert.Null(after.QuerySelector("tr[data-reception-unit='BK-NS-VT']"));
        Assert.Null(after.QuerySelector("tr[data-reception-unit='BK']"));
        Assert.NotNull(after.QuerySelector("tr[data-reception-unit^='BK-BB-']"));

        var book = await leader.GetPageAsync("/quan-tri/tiep-cong-dan?don-vi=BK-NS-VT");
        Assert.Contains("27/03/2025", book.QuerySelector("table.reception-days")!.TextContent);
    }

    [Fact]
    public async Task A_district_leader_sees_only_the_communes_of_the_district_and_cannot_record_a_day_to_come()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var page = await leader.GetPageAsync("/quan-tri/doi-thoai/tuan-thu?nam=2025&thang=5");
        Assert.NotEmpty(page.QuerySelectorAll("tr[data-reception-unit^='BK-NS-']"));
        Assert.Null(page.QuerySelector("tr[data-reception-unit='BK']"));
        Assert.Null(page.QuerySelector("tr[data-reception-unit^='BK-BB-']"));

        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-NS-VT").Select(u => u.Id).SingleAsync());
        var tomorrow = app.Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var response = await leader.SubmitFormAsync("/quan-tri/tiep-cong-dan",
            [new("Input.UnitId", unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Date", tomorrow),
             new("Input.ReceivedBy", "Trưởng Công an thị trấn Vân Tùng"), new("Input.CitizensReceived", "2")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Chỉ ghi ngày tiếp công dân đã diễn ra.", await response.Content.ReadAsStringAsync());

        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        using var refused = await officer.Http.GetAsync("/quan-tri/tiep-cong-dan");
        Assert.StartsWith("/khong-co-quyen", refused.Headers.Location!.PathAndQuery);
    }
}
