using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Satisfaction;

[Collection(BrowserCollection.Name)]
public sealed class PublicResultsBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_citizen_reads_the_results_drills_into_a_district_and_finds_the_method()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Kết quả hài lòng" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kết quả đo lường sự hài lòng của người dân, tổ chức" })).ToBeVisibleAsync();
        await Expect(page.Locator("canvas.chart").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Công an huyện Ngân Sơn" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToContainTextAsync("Công an huyện Ngân Sơn");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Công an thị trấn Vân Tùng" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Cách tính và ý nghĩa các con số" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phương pháp" })).ToBeInViewportAsync();
    }

    [Fact]
    public async Task The_bar_chart_of_the_results_starts_its_axis_at_zero_as_the_PDF_does()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/ket-qua-khao-sat");
        var bars = page.Locator("canvas[data-chart='bar']").First;
        await Expect(bars).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => Chart.getChart(document.querySelector(\"canvas[data-chart='bar']\")) !== undefined");

        var axis = await page.EvaluateAsync<double[]>(
            """
            () => {
              const chart = Chart.getChart(document.querySelector("canvas[data-chart='bar']"));
              return [chart.scales.y.min, chart.scales.y.max, Math.min(...chart.data.datasets[0].data)];
            }
            """);
        Assert.True(axis[2] > 10, $"The demo figures should be well above 10 (lowest {axis[2]}), or the test proves nothing");
        Assert.Equal(0, axis[0]);
        Assert.Equal(100, axis[1]);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_results_page_fits_a_phone()
    {
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync("/ket-qua-khao-sat?unit=BK-NS");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Xem" })).ToBeVisibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();
    }
}
