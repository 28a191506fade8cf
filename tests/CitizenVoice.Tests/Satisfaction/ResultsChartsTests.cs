using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Satisfaction;

/// <summary>The results charts are SVG drawn on the server: they need no script, print, and say their figures in words.</summary>
[Collection(AppCollection.Name)]
public sealed class ResultsChartsTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_elements_chart_has_a_bar_per_element_as_long_as_its_percentage_from_zero()
    {
        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync("/ket-qua-khao-sat");

        var rows = page.QuerySelectorAll("section[aria-labelledby=elements] tbody tr").ToList();
        var chart = page.QuerySelector("section[aria-labelledby=elements] svg[role=img]")!;
        var bars = chart.QuerySelectorAll("rect.bar").ToList();
        Assert.True(rows.Count >= 5, $"the demo questionnaire has five elements, the table {rows.Count}");
        Assert.Equal(rows.Count, bars.Count);
        var viewBox = chart.GetAttribute("viewBox")!.Split(' ');
        Assert.Equal("0", viewBox[0]);
        for (var i = 0; i < rows.Count; i++)
        {
            var figure = rows[i].QuerySelector(".rate-value")!.TextContent.Trim();
            var percent = double.Parse(figure.Replace("\u00a0%", "", StringComparison.Ordinal), CultureInfo.GetCultureInfo("vi-VN"));
            Assert.True(percent > 10, $"the demo figures are well above 10 % ({percent}), or the test proves nothing");
            var width = double.Parse(bars[i].GetAttribute("width")!, CultureInfo.InvariantCulture);
            // 100 % is 230 units long and every bar starts at the same x: a bar's length is its figure, from 0 (the table rounds it).
            Assert.Equal(percent / 100 * 230, width, 0.2);
            Assert.Equal("30", bars[i].GetAttribute("x"));
            Assert.Contains(figure, bars[i].QuerySelector("title")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(rows[i].QuerySelector("th")!.TextContent.Trim().Split('.')[0] + ". ", bars[i].QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        }

        // The text alternative names each figure.
        var name = page.GetElementById(chart.GetAttribute("aria-labelledby")!)!.TextContent;
        foreach (var row in rows)
        {
            Assert.Contains(row.QuerySelector(".rate-value")!.TextContent.Trim(), name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_trend_chart_has_a_point_per_month_of_the_table_and_its_axis_says_where_it_starts()
    {
        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync("/ket-qua-khao-sat?from=2025-01-01&to=2025-12-31");

        var months = page.QuerySelectorAll("section[aria-labelledby=trend] tbody tr").ToList();
        var chart = page.QuerySelector("section[aria-labelledby=trend] svg[role=img]")!;
        Assert.Equal(12, months.Count);
        var points = chart.QuerySelectorAll("circle.chart-point").ToList();
        Assert.Equal(months.Count, points.Count);
        Assert.Contains(months[0].QuerySelector("th")!.TextContent.Trim(), points[0].QuerySelector("title")!.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"trục dọc từ \d+ đến 100 %", page.GetElementById(chart.GetAttribute("aria-labelledby")!)!.TextContent);
    }

    [Theory]
    [InlineData("/ket-qua-khao-sat", false)]
    [InlineData("/quan-tri/ket-qua-hai-long", true)]
    public async Task The_results_pages_draw_their_charts_without_any_script(string url, bool staff)
    {
        using var client = app.CreateStaffClient();
        if (staff)
        {
            await client.SignInAsync("lanhdao");
        }

        using var response = await client.Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, Regex.Count(html, "<svg class=\"chart-svg\""));
        Assert.DoesNotContain("<canvas", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?i)chart[^\"]*\\.js", html);
        using var library = await client.Http.GetAsync("/lib/chartjs/chart.umd.js");
        Assert.Equal(HttpStatusCode.NotFound, library.StatusCode);
    }
}
