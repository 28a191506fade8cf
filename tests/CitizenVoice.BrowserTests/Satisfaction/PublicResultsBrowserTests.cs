using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Satisfaction;

[Collection(BrowserCollection.Name)]
public sealed class PublicResultsBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task A_citizen_reads_the_results_drills_into_a_district_and_finds_the_method()
    {
        var page = await app.NewPageAsync();
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
    public async Task The_results_page_fits_a_phone()
    {
        var page = await app.NewPageAsync(360, 740);
        await page.GotoAsync("/ket-qua-khao-sat?unit=BK-NS");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Xem" })).ToBeVisibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();
    }
}
