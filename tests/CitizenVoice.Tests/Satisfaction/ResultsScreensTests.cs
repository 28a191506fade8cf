using System.Net;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Tests.Infrastructure;
using CitizenVoice.Features.Surveys;
using Microsoft.EntityFrameworkCore;
using System.Net.Http.Json;
using MiniExcelLibs;

namespace CitizenVoice.Tests.Satisfaction;

[Collection(AppCollection.Name)]
public sealed class ResultsScreensTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_public_results_page_shows_the_index_with_its_interval_and_explains_the_method()
    {
        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync("/ket-qua-khao-sat");

        var headline = page.QuerySelector(".figure-main")!.TextContent;
        Assert.Matches(@"\d+,\d\u00a0%", headline);
        Assert.Contains("n = ", headline, StringComparison.Ordinal);
        Assert.Contains("Wilson", page.QuerySelector("#phuong-phap")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Công an huyện Ngân Sơn", page.QuerySelector("#units")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&from=2025-03-14&to=2025-06-20")]
    public async Task A_commune_with_no_units_under_it_has_its_results_page_whole_months_or_not(string period)
    {
        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync("/ket-qua-khao-sat?unit=BK-NS-VT" + period);

        Assert.Contains("n = ", page.QuerySelector(".figure-main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Vân Tùng", page.QuerySelector("#headline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_district_leader_sees_only_their_district_on_the_dashboard()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var page = await leader.GetPageAsync("/quan-tri/ket-qua-hai-long?unit=BK");

        var units = page.QuerySelectorAll("#unit option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal("BK-NS", units[0]);
        Assert.DoesNotContain("BK", units);
        Assert.DoesNotContain("BK-BB", units);
        Assert.Contains("BK-NS-VT", units);
        Assert.Contains("Công an huyện Ngân Sơn", page.QuerySelector("#headline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_exports_open_as_spreadsheets_and_csv_with_the_same_figures()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        var page = await leader.GetPageAsync("/quan-tri/ket-qua-hai-long?from=2025-01-01");
        var shownResponses = page.QuerySelectorAll("#units ~ div tbody tr").Select(r => r.Children[3].TextContent.Trim()).ToList();

        using var xlsx = await leader.Http.GetAsync("/quan-tri/ket-qua-hai-long/xuat.xlsx?from=2025-01-01");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Contains("Đơn vị", stream.GetSheetNames());
        var rows = stream.Query(useHeaderRow: true, sheetName: "Đơn vị").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(shownResponses.Count, rows.Count);
        Assert.Equal(shownResponses.Select(s => s.Replace(".", "", StringComparison.Ordinal)), rows.Select(r => Convert.ToInt64(r["Số phiếu"], System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        using var csv = await leader.Http.GetAsync("/quan-tri/ket-qua-hai-long/xuat.csv?from=2025-01-01&bang=tieu-chi");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("Mã;Tiêu chí;Tỷ lệ hài lòng (%)", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("E1.1;", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_extract_holds_every_daily_rollup_row_of_the_period_over_as_many_sheets_as_it_needs()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var from = app.Today.AddMonths(-3);
        var to = app.Today;
        var expected = await app.WithDbAsync(async db =>
        {
            var path = await db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Path).SingleAsync();
            // A line per question × value of each daily rollup row.
            return (await db.DailyRollups.Where(r => r.Day >= from && r.Day <= to && db.Units.Any(u => u.Id == r.UnitId && u.Path.StartsWith(path)))
                .Select(r => r.Answers).ToListAsync()).Sum(a => AnswerCounts.Parse(a).Count());
        });

        using var response = await leader.Http.GetAsync($"/quan-tri/ket-qua-hai-long/du-lieu.xlsx?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheets = stream.GetSheetNames();
        var perSheet = sheets.Select(sheet => stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>().ToList()).ToList();
        var rows = perSheet.SelectMany(r => r).ToList();
        Assert.Equal(expected, rows.Count);
        Assert.True(expected > 500, "the demo data should fill more than one sheet of 500 rows");
        Assert.Equal((expected + 499) / 500, sheets.Count);
        Assert.Equal(["Dữ liệu 1", "Dữ liệu 2"], sheets.Take(2));
        Assert.All(perSheet, sheet => Assert.InRange(sheet.Count, 1, 500));
        Assert.All(rows, r => Assert.StartsWith("BK-NS", (string)r["Đơn vị"], StringComparison.Ordinal));
    }
}

[Collection(AppCollection.Name)]
public sealed class ResultsPdfTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_period_report_is_a_PDF_with_the_cover_the_method_and_the_figures_in_Vietnamese()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        var page = await leader.GetPageAsync("/quan-tri/ket-qua-hai-long?from=2025-01-01");
        var headline = page.QuerySelector(".figure-main .rate-value")!.TextContent.Trim();

        using var response = await leader.Http.GetAsync("/quan-tri/ket-qua-hai-long/bao-cao.pdf?from=2025-01-01");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join('\n', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        Assert.True(pdf.NumberOfPages >= 2);
        Assert.Contains("BÁO CÁO", text, StringComparison.Ordinal);
        Assert.Contains("Wilson", text, StringComparison.Ordinal);
        Assert.Contains("Ngân Sơn", text, StringComparison.Ordinal);
        // The figure keeps its no-break space before "%"; the text layer may give it back as a plain space.
        Assert.Contains(headline.Replace('\u00a0', ' '), text.Replace('\u00a0', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_period_report_cover_prints_the_national_header_and_the_province_with_every_diacritic()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        using var response = await leader.Http.GetAsync("/quan-tri/ket-qua-hai-long/bao-cao.pdf?from=2025-01-01");

        var cover = await RenderedPdf.ReadAsync(await response.Content.ReadAsByteArrayAsync(), dpi: 300);
        RenderedPdf.AssertShows(cover, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        RenderedPdf.AssertShows(cover, "CÔNG AN TỈNH BẮC KẠN");
        RenderedPdf.AssertShows(cover, "Kết quả đo lường sự hài lòng của người dân, tổ chức");
    }
}

[Collection(AppCollection.Name)]
public sealed class SuggestionsTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task A_leader_finds_a_suggestion_typed_without_diacritics_and_sees_its_topic_counted()
    {
        var unit = await new SatisfactionApiTests(app).NewCommuneAsync("BK-NS");
        using var client = app.CreateClient();
        var questionnaire = await CitizenVoice.Tests.Surveys.SurveyData.CurrentAsync(client);
        using (var posted = await client.PostAsJsonAsync("/api/v1/survey-responses", new
        {
            unitCode = unit, fieldCode = "CCCD", channel = "online", answers = CitizenVoice.Tests.Surveys.SurveyData.AllAnswers(questionnaire, 4),
            comment = "Phải chờ lâu quá, đề nghị thêm quầy tiếp nhận Thứ Bảy",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var page = await leader.GetPageAsync($"/quan-tri/ket-qua-hai-long/gop-y?unit={unit}&q=them%20quay%20tiep%20nhan%20thu%20bay");
        Assert.Contains("Phải chờ lâu quá, đề nghị thêm quầy tiếp nhận Thứ Bảy", page.QuerySelector("#list")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Thời gian chờ, giải quyết", page.QuerySelector("#topics")!.ParentElement!.TextContent, StringComparison.Ordinal);

        using var other = app.CreateStaffClient();
        await other.SignInAsync("canbo.babe");
        var elsewhere = await other.GetPageAsync($"/quan-tri/ket-qua-hai-long/gop-y?unit={unit}&q=them%20quay%20tiep%20nhan%20thu%20bay");
        Assert.DoesNotContain("Thứ Bảy", elsewhere.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filtering_by_an_element_shows_the_suggestions_of_people_not_satisfied_with_it()
    {
        var unit = await new SatisfactionApiTests(app).NewCommuneAsync("BK-NS");
        using var client = app.CreateClient();
        var questionnaire = await CitizenVoice.Tests.Surveys.SurveyData.CurrentAsync(client);
        var e2 = questionnaire.GetProperty("elements")[1].GetProperty("questions").EnumerateArray()
            .Select(q => int.Parse(q.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var all = CitizenVoice.Tests.Surveys.SurveyData.QuestionIds(questionnaire);
        async Task PostAsync(Func<int, int> value, string comment)
        {
            using var posted = await client.PostAsJsonAsync("/api/v1/survey-responses", new
            {
                unitCode = unit, fieldCode = "CU-TRU", channel = "online", comment,
                answers = all.Select(id => new { questionId = id, value = value(id) }),
            });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        await PostAsync(_ => 5, "Mọi thứ đều tốt, cảm ơn các đồng chí.");
        await PostAsync(id => e2.Contains(id) ? 2 : 5, "Biểu mẫu khó hiểu, cần hướng dẫn kê khai rõ hơn.");

        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var filtered = await leader.GetPageAsync($"/quan-tri/ket-qua-hai-long/gop-y?unit={unit}&element=E2");
        var list = filtered.QuerySelector("#list")!.ParentElement!.TextContent;
        Assert.Contains("Biểu mẫu khó hiểu", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Mọi thứ đều tốt", list, StringComparison.Ordinal);
        Assert.Equal("E2", filtered.QuerySelector("#element option[selected]")!.GetAttribute("value"));

        var otherElement = await leader.GetPageAsync($"/quan-tri/ket-qua-hai-long/gop-y?unit={unit}&element=E4");
        Assert.DoesNotContain("Biểu mẫu khó hiểu", otherElement.QuerySelector("#list")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }
}
