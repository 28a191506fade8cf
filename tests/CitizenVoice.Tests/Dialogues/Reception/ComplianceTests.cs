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
        var behind = before.QuerySelector("tr[data-unit^='BK-NS-']");
        Assert.NotNull(behind);
        var code = behind.GetAttribute("data-unit")!;
        Assert.Null(before.QuerySelector("tr[data-unit^='BK-BB-']"));

        var sessionId = await DialogueTestData.CreateSessionAsync(app, code, DialogueStatus.Announced);
        await app.WithDbAsync(async db =>
        {
            var session = await db.DialogueSessions.FindAsync(sessionId);
            session!.StartsAt = new DateTime(year, 1, 1, 1, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
        });

        var after = await leader.GetPageAsync($"/quan-tri/doi-thoai/tuan-thu?nam={year}");
        Assert.Null(after.QuerySelector($"tr[data-unit='{code}']"));
    }

    [Fact]
    public async Task The_demo_compliance_view_for_the_current_year_is_mostly_green_with_a_few_units_behind()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        var page = await leader.GetPageAsync($"/quan-tri/doi-thoai/tuan-thu?nam={app.Today.Year}");
        var communes = await app.WithDbAsync(db => db.Units.CountAsync(u => u.Level == Features.Organisation.UnitLevel.Commune && u.ValidTo == null));

        var dialoguesBehind = page.QuerySelectorAll("tr[data-unit]").Length;
        Assert.InRange(dialoguesBehind, 1, communes / 5);
        var receptionBehind = page.QuerySelectorAll("tr[data-reception-unit]").Length;
        Assert.InRange(receptionBehind, 1, communes / 5);
        Assert.Null(page.QuerySelector("tr[data-reception-unit='BK']"));
    }

    [Fact]
    public async Task A_week_whose_reception_day_fell_on_a_public_holiday_does_not_make_a_commune_non_compliant()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        var code = await app.WithDbAsync(db => db.Units.Where(u => u.Code.StartsWith("BK-CD-") && u.Level == Features.Organisation.UnitLevel.Commune)
            .OrderBy(u => u.Code).Select(u => u.Code).FirstAsync());
        var name = await app.WithDbAsync(db => db.Units.Where(u => u.Code == code).Select(u => u.Name).SingleAsync());
        // April 2025: the commune receives on Thursdays. Giỗ Tổ fell on Monday 7 April (the commune still received on the
        // 10th); Thursday 1 May, in the week that began on 28 April, was Labour Day. The week of the 14th is missed.
        await RecordReceptionAsync(leader, code, "2025-04-10", "Trưởng " + name);
        await RecordReceptionAsync(leader, code, "2025-04-24", "Trưởng " + name);

        var page = await leader.GetPageAsync("/quan-tri/doi-thoai/tuan-thu?nam=2025&thang=4");
        var row = page.QuerySelector($"tr[data-reception-unit='{code}']");
        Assert.NotNull(row);
        Assert.Contains("1 trên 3 tuần", row.TextContent);

        await RecordReceptionAsync(leader, code, "2025-04-17", "Trưởng " + name);
        var after = await leader.GetPageAsync("/quan-tri/doi-thoai/tuan-thu?nam=2025&thang=4");
        Assert.Null(after.QuerySelector($"tr[data-reception-unit='{code}']"));
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
