using System.Net;
using System.Text.RegularExpressions;
using CitizenVoice.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CitizenVoice.Tests.Satisfaction;

/// <summary>
/// A figure is written one way per language wherever a reader meets it: Vietnamese "87,8 %" and "83,4–91,2",
/// English "87.8%" and "83.4–91.2" — on the results pages, in the CSV and PDF downloads; the workbook keeps numbers
/// as numbers.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class NumberFormatTests(CitizenVoiceApp app)
{
    private const string English = "culture=en-GB";

    [GeneratedRegex(@"^\d{1,3},\d\u00a0%$")]
    private static partial Regex VietnamesePercent();

    [GeneratedRegex(@"^\d{1,3}\.\d%$")]
    private static partial Regex EnglishPercent();

    [GeneratedRegex(@"\(\d{1,3},\d–\d{1,3},\d; n = [\d.]+\)")]
    private static partial Regex VietnameseInterval();

    [GeneratedRegex(@"\(\d{1,3}\.\d–\d{1,3}\.\d; n = [\d,]+\)")]
    private static partial Regex EnglishInterval();

    [Fact]
    public async Task The_results_page_writes_rates_and_intervals_the_Vietnamese_way_in_Vietnamese_and_the_English_way_in_English()
    {
        using var citizen = app.CreateStaffClient();
        var vi = await citizen.GetPageAsync("/ket-qua-khao-sat?from=2025-01-01");
        var en = await citizen.GetPageAsync("/ket-qua-khao-sat?from=2025-01-01&" + English);

        Assert.Matches(VietnamesePercent(), vi.QuerySelector(".figure-main .rate-value")!.TextContent.Trim());
        Assert.Matches(VietnameseInterval(), vi.QuerySelector(".figure-main .rate-ci")!.TextContent);
        Assert.All(vi.QuerySelectorAll(".distribution .rate-value"), r => Assert.Matches(VietnamesePercent(), r.TextContent.Trim()));
        Assert.Matches(@"E\d\.\d \(\d{1,3},\d\u00a0%\)", vi.QuerySelector("#questions")!.ParentElement!.TextContent);
        // The ratings by level run into the thousands: the Vietnamese thousands separator is a dot.
        AssertCounts(vi, @"^\d{1,3}(\.\d{3})*$", '.');

        Assert.Matches(EnglishPercent(), en.QuerySelector(".figure-main .rate-value")!.TextContent.Trim());
        Assert.Matches(EnglishInterval(), en.QuerySelector(".figure-main .rate-ci")!.TextContent);
        Assert.All(en.QuerySelectorAll(".distribution .rate-value"), r => Assert.Matches(EnglishPercent(), r.TextContent.Trim()));
        Assert.Matches(@"E\d\.\d \(\d{1,3}\.\d%\)", en.QuerySelector("#questions")!.ParentElement!.TextContent);
        AssertCounts(en, @"^\d{1,3}(,\d{3})*$", ',');
    }

    [Fact]
    public async Task The_CSV_download_writes_numbers_in_the_chosen_language_with_the_same_figures_as_the_page()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        var page = await leader.GetPageAsync("/quan-tri/ket-qua-hai-long?from=2025-01-01");
        var shown = page.QuerySelectorAll(".distribution tbody tr").First(r => r.QuerySelector("th")!.TextContent.Trim().StartsWith("E1.1.", StringComparison.Ordinal));
        var shownRate = shown.QuerySelector(".rate-value")!.TextContent.Trim();

        var vi = (await CsvAsync(leader, "")).Split("\r\n");
        Assert.StartsWith("Mã;Tiêu chí;Tỷ lệ hài lòng (%);Khoảng tin cậy 95% – cận dưới (%);Khoảng tin cậy 95% – cận trên (%);n;", vi[0], StringComparison.Ordinal);
        var viRow = vi.Single(line => line.StartsWith("E1.1;", StringComparison.Ordinal)).Split(';');
        Assert.Equal(shownRate.Replace("\u00a0%", "", StringComparison.Ordinal), viRow[2]);
        Assert.All(viRow[2..5], cell => Assert.Matches(@"^\d+(,\d)?$", cell));

        var en = (await CsvAsync(leader, "&" + English)).Split("\r\n");
        Assert.StartsWith("Code,Criterion,Satisfaction rate (%),95% confidence interval – lower bound (%),95% confidence interval – upper bound (%),n,", en[0], StringComparison.Ordinal);
        var enRow = en.Single(line => line.StartsWith("E1.1,", StringComparison.Ordinal));
        Assert.Matches(@"^E1\.1,[^,]+,\d+\.\d,\d+\.\d,\d+\.\d,\d+,\d+,", enRow);
        Assert.Equal(viRow[2].Replace(',', '.'), enRow.Split(',')[2]);
    }

    [Fact]
    public async Task The_results_page_labels_its_downloads_with_diacritics()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        var page = await leader.GetPageAsync("/quan-tri/ket-qua-hai-long?from=2025-01-01");

        var csvLinks = page.QuerySelectorAll("a[href*='xuat.csv']").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Tổng hợp", "Yếu tố", "Đơn vị", "Theo tháng", "Theo cấp", "Tiêu chí"], csvLinks);
        Assert.Contains(page.QuerySelectorAll("a[href*='xuat.csv']"), a => a.GetAttribute("href")!.EndsWith("bang=tieu-chi", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_workbook_names_its_sheets_with_diacritics_and_keeps_rates_and_counts_as_formatted_numbers()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        using var response = await leader.Http.GetAsync("/quan-tri/ket-qua-hai-long/xuat.xlsx?from=2025-01-01");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var part = workbook.WorkbookPart!;
        var sheets = part.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["Tổng hợp", "Yếu tố", "Đơn vị", "Theo tháng", "Theo cấp", "Tiêu chí"], sheets.Select(s => s.Name!.Value));

        var units = (WorksheetPart)part.GetPartById(sheets.Single(s => s.Name == "Đơn vị").Id!);
        var rows = units.Worksheet.Descendants<Row>().ToList();
        var headers = rows[0].Elements<Cell>().Select(c => Text(part, c)).ToList();
        Assert.Equal(["Hạng", "Mã đơn vị", "Đơn vị", "Chỉ số (%)", "Khoảng tin cậy 95% – cận dưới (%)", "Khoảng tin cậy 95% – cận trên (%)", "Số phiếu", "Ghi chú"], headers);
        var formats = part.WorkbookStylesPart!.Stylesheet.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value) ?? [];
        var cellFormats = part.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        string FormatOf(Cell cell) => cell.StyleIndex is { } s && cellFormats[(int)s.Value].NumberFormatId is { } id
            ? formats.GetValueOrDefault(id.Value) ?? (id.Value == 3 ? "#,##0" : $"built-in {id.Value}") : "General";

        var first = rows[1].Elements<Cell>().ToList();
        foreach (var column in new[] { 3, 4, 5 })
        {
            Assert.True(first[column].DataType is null || first[column].DataType!.Value == CellValues.Number, $"{headers[column]} is stored as text");
            Assert.Matches(@"^\d+(\.\d)?$", first[column].CellValue!.Text);
            Assert.Equal("0.0", FormatOf(first[column]));
        }

        Assert.True(first[6].DataType is null || first[6].DataType!.Value == CellValues.Number);
        Assert.Equal("#,##0", FormatOf(first[6]));
    }

    [Fact]
    public async Task The_PDF_report_writes_its_figures_the_Vietnamese_way()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        var page = await leader.GetPageAsync("/quan-tri/ket-qua-hai-long?from=2025-01-01&" + English);
        Assert.Matches(EnglishPercent(), page.QuerySelector(".figure-main .rate-value")!.TextContent.Trim());

        // Downloaded from the English screen: the report is an official Vietnamese document all the same.
        using var response = await leader.Http.GetAsync("/quan-tri/ket-qua-hai-long/bao-cao.pdf?from=2025-01-01&" + English);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join('\n', pdf.GetPages().Select(p => p.Text));

        Assert.Matches(@"Chỉ số hài lòng chung: \d{1,3},\d[\u00a0 ]% \(khoảng tin cậy 95%: \d{1,3},\d–\d{1,3},\d; \s*n\s*=\s*[\d.]+\)", text);
        Assert.DoesNotMatch(@"\d\.\d%", text);
        Assert.DoesNotMatch(@"\d,\d%", text);
    }

    private static void AssertCounts(AngleSharp.Html.Dom.IHtmlDocument page, string pattern, char thousands)
    {
        var counts = page.QuerySelector("#levels")!.ParentElement!.QuerySelectorAll("tbody tr").Select(r => r.Children[1].TextContent.Trim()).ToList();
        Assert.All(counts, c => Assert.Matches(pattern, c));
        Assert.Contains(counts, c => c.Contains(thousands, StringComparison.Ordinal));
    }

    private static async Task<string> CsvAsync(StaffClient client, string query)
    {
        using var response = await client.Http.GetAsync("/quan-tri/ket-qua-hai-long/xuat.csv?from=2025-01-01&bang=tieu-chi" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
    }

    private static string Text(WorkbookPart part, Cell cell) =>
        cell.DataType?.Value == CellValues.SharedString
            ? part.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText
            : cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
}
