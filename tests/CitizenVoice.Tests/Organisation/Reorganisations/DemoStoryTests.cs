using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Satisfaction;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Organisation;

/// <summary>The demo as <c>dotnet run</c> seeds it: Bắc Kạn up to 2025, then the reform played through two reorganisation files.</summary>
public sealed class DemoStoryApp : CitizenVoiceApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Seed:Reorganisation2025", "true")];
}

public sealed class DemoStoryTests(DemoStoryApp app) : IClassFixture<DemoStoryApp>
{
    private static readonly DateOnly Abolition = new(2025, 3, 1);
    private static readonly DateOnly Merger = new(2025, 7, 1);
    private const string Year2022 = "from=2022-01-01&to=2022-12-31";

    [Fact]
    public async Task The_demo_abolishes_the_districts_in_March_2025_and_merges_Bac_Kan_into_Thai_Nguyen_in_July_through_two_files_on_the_history_page()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var history = (await admin.GetPageAsync("/quan-tri/to-chuc-lai")).Body!.TextContent;
        Assert.Contains("to-chuc-lai-2025-03-01.csv", history, StringComparison.Ordinal);
        Assert.Contains("to-chuc-lai-2025-07-01.csv", history, StringComparison.Ordinal);

        var units = await app.WithDbAsync(db => db.Units.AsNoTracking().Include(u => u.ParentHistory).ToListAsync());
        var byCode = units.ToDictionary(u => u.Code);
        var (bacKan, thaiNguyen, nganSon, vanTung) = (byCode["BK"], byCode["TN"], byCode["BK-NS"], byCode["BK-NS-VT"]);
        Assert.Equal((Merger, thaiNguyen.Id), (bacKan.ValidTo, bacKan.SuccessorId));
        Assert.All(units.Where(u => u.Level == UnitLevel.District), d => Assert.Equal((Abolition, bacKan.Id), (d.ValidTo, d.SuccessorId)));
        Assert.Equal(Merger, vanTung.ValidTo);
        Assert.Equal("Công an xã Trung Hoà", units.Single(u => u.Id == vanTung.SuccessorId).Name);
        Assert.Contains(vanTung.ParentHistory, p => p.ParentId == nganSon.Id && p.ValidTo == Abolition);

        // Today: the province of Thái Nguyên with Bắc Kạn's 108 communes merged into 37, beside 55 sample communes; no district.
        var active = units.Where(u => u.IsActive).ToList();
        Assert.DoesNotContain(active, u => u.Level == UnitLevel.District);
        Assert.Equal(92, active.Count(u => u.Level == UnitLevel.Commune && u.ParentId == thaiNguyen.Id));
        Assert.Equal(55, active.Count(u => u.Name.Contains("mẫu số", StringComparison.Ordinal)));
        Assert.Equal(108, units.Count(u => u.Level == UnitLevel.Commune && u.ValidTo == Merger));
        var serving = (await app.WithDbAsync(db => db.UnitFields.Select(f => f.UnitId).Distinct().ToListAsync())).ToHashSet();
        Assert.All(active.Where(u => u.Level == UnitLevel.Commune), c => Assert.Contains(c.Id, serving));

        // The staff moved with their units: the province's leader and Ngân Sơn's officer now work for Thái Nguyên.
        var staffUnits = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "lanhdao" || u.UserName == "canbo.nganson").Select(u => u.UnitId).ToListAsync());
        Assert.All(staffUnits, id => Assert.Equal(thaiNguyen.Id, id));

        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<RollupCheck>().RunAsync());
    }

    [Fact]
    public async Task The_results_for_2022_show_Bac_Kan_its_districts_and_Van_Tung_and_the_results_for_this_year_show_Thai_Nguyen_today()
    {
        using var citizen = app.CreateStaffClient();
        var then = await citizen.GetPageAsync("/ket-qua-khao-sat?" + Year2022);
        Assert.StartsWith("Công an tỉnh Bắc Kạn ·", then.GetElementById("headline")!.TextContent.Trim(), StringComparison.Ordinal);
        var districts = UnitRows(then).Where(u => !u.StartsWith("Phòng", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, districts.Count);
        Assert.Contains("Công an huyện Ngân Sơn", districts);

        var nganSon = await citizen.GetPageAsync("/ket-qua-khao-sat?unit=BK-NS&" + Year2022);
        // Vân Tùng was a xã in 2022 (a thị trấn from 2023-04-10): the page names it as the article did.
        Assert.Contains("Công an xã Vân Tùng", UnitRows(nganSon));
        Assert.Equal(10, UnitRows(nganSon).Count);
        Assert.Contains(nganSon.QuerySelectorAll("section[aria-labelledby=levels] tbody th"), l => l.TextContent.Contains("huyện", StringComparison.Ordinal));
        var english = await citizen.GetPageAsync("/ket-qua-khao-sat?unit=BK-NS&culture=en-GB&ui-culture=en-GB&" + Year2022);
        Assert.Contains("Vân Tùng Commune Police", UnitRows(english));

        var year = app.Today.Year;
        var now = await citizen.GetPageAsync($"/ket-qua-khao-sat?from={year}-01-01");
        Assert.StartsWith("Công an tỉnh Thái Nguyên ·", now.GetElementById("headline")!.TextContent.Trim(), StringComparison.Ordinal);
        var communes = UnitRows(now);
        Assert.Contains("Công an xã Trung Hoà", communes);
        Assert.DoesNotContain(communes, c => c.Contains("Vân Tùng", StringComparison.Ordinal) || c.Contains("huyện", StringComparison.Ordinal));
        Assert.DoesNotContain(now.QuerySelectorAll("section[aria-labelledby=levels] tbody th"), l => l.TextContent.Contains("huyện", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Figures_for_2022_equal_a_recount_of_the_raw_responses_both_for_the_units_of_2022_and_for_their_successors_today()
    {
        using var citizen = app.CreateClient();
        var (from, to) = (new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31));
        var units = await app.WithDbAsync(db => db.Units.AsNoTracking().Include(u => u.ParentHistory).ToListAsync());
        var byCode = units.ToDictionary(u => u.Code);
        async Task<long> RawAsync(IEnumerable<int> ids)
        {
            var list = ids.ToList();
            return await app.WithDbAsync(db => db.SurveyResponses.LongCountAsync(r => list.Contains(r.UnitId) && !r.IsDeleted && r.Day >= from && r.Day <= to));
        }

        async Task<long> ApiAsync(string unit)
        {
            using var answer = await citizen.GetAsync($"/api/v1/satisfaction?unit={unit}&{Year2022}");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("responses").GetInt64();
        }

        // Ngân Sơn in 2022: the district police and the ten communes under it then (today they are under other units).
        var nganSon = byCode["BK-NS"];
        var itsCommunes = units.Where(u => u.ParentHistory.Any(p => p.ParentId == nganSon.Id)).Select(u => u.Id).ToList();
        Assert.Equal(10, itsCommunes.Count);
        var nganSonRaw = await RawAsync(itsCommunes.Append(nganSon.Id));
        Assert.True(nganSonRaw > 50, $"the demo has responses in Ngân Sơn in 2022 ({nganSonRaw}), or the test proves nothing");
        Assert.Equal(nganSonRaw, await ApiAsync("BK-NS"));

        // The same year asked of today's commune: the communes merged into it.
        var trungHoa = byCode["TN-TH"];
        var predecessors = units.Where(u => u.SuccessorId == trungHoa.Id).Select(u => u.Id).ToList();
        Assert.Contains(byCode["BK-NS-VT"].Id, predecessors);
        Assert.Equal(await RawAsync(predecessors), await ApiAsync("TN-TH"));

        // And the whole: Bắc Kạn of 2022 is Thái Nguyên's history.
        var all = await RawAsync(units.Select(u => u.Id));
        Assert.Equal(all, await ApiAsync("BK"));
        Assert.Equal(all, await ApiAsync("TN"));
    }

    [Fact]
    public async Task Figures_by_level_have_province_district_and_commune_for_2022_and_province_and_commune_after_the_reform()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<SatisfactionReport>();
        var then = await report.ByLevelAsync(new SatisfactionFilter("BK", true, null, null, null, null, new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31)));
        Assert.Equal([UnitLevel.Province, UnitLevel.District, UnitLevel.Commune], then.Select(l => l.Level));
        Assert.All(then, l => Assert.True(l.Ratings > 0));
        var now = await report.ByLevelAsync(new SatisfactionFilter("TN", true, null, null, null, null, Merger, app.Today));
        Assert.Equal([UnitLevel.Province, UnitLevel.Commune], now.Select(l => l.Level));
    }

    [Fact]
    public async Task Thai_Nguyens_leader_sees_Bac_Kans_past_in_the_staff_lists_and_the_data_extract()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        // Bắc Kạn went under Thái Nguyên with its history, so the lists of Thái Nguyên's subtree hold its past.
        var sessions = (await leader.GetPageAsync("/quan-tri/doi-thoai")).Body!.TextContent;
        Assert.Contains("Công an huyện Ngân Sơn", sessions, StringComparison.Ordinal);

        using var response = await leader.Http.GetAsync("/quan-tri/ket-qua-hai-long/du-lieu.xlsx?" + Year2022);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var units = MiniExcelLibs.MiniExcel.GetSheetNames(stream).SelectMany(sheet => MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheet)
            .Cast<IDictionary<string, object>>().Select(r => (string)r["Đơn vị"])).ToHashSet();
        Assert.Contains("BK-NS-VT", units);
        Assert.DoesNotContain(units, u => u.StartsWith("TN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_printed_QR_code_of_Van_Tung_opens_the_form_of_the_commune_that_serves_it_today()
    {
        using var citizen = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var survey = await citizen.GetAsync("/khao-sat/BK-NS-VT/CCCD");
        Assert.Equal(HttpStatusCode.Redirect, survey.StatusCode);
        Assert.Equal("/khao-sat/TN-TH/CCCD", survey.Headers.Location!.OriginalString);
    }

    private static List<string> UnitRows(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("section[aria-labelledby=units] tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim())];
}
