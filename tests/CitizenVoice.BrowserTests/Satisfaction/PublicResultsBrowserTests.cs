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
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Biểu đồ chỉ số các yếu tố" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Công an huyện Ngân Sơn" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToContainTextAsync("Công an huyện Ngân Sơn");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Công an thị trấn Vân Tùng" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Cách tính và ý nghĩa các con số" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phương pháp" })).ToBeInViewportAsync();
    }

    [Fact]
    public async Task On_a_phone_the_headline_figure_is_on_the_first_screen_and_the_filters_are_folded_away()
    {
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync("/ket-qua-khao-sat");

        var headline = page.Locator(".figure-main").First;
        await Expect(headline).ToBeVisibleAsync();
        var box = await headline.BoundingBoxAsync();
        Assert.True(box!.Y + box.Height <= 740, $"The headline figure ends at {box.Y + box.Height} px, below the first screen (740 px)");
        await Expect(page.GetByLabel("Lĩnh vực", new() { Exact = true })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Xem" })).ToBeHiddenAsync();
        await page.AssertAccessibleAsync();

        // The filters open with a tap on their summary, without any script, and still filter.
        await page.GetByText("Lọc kết quả").ClickAsync();
        await page.GetByLabel("Lĩnh vực", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "CCCD" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("field=CCCD"));
        await page.AssertNoHorizontalScrollAsync();
    }

    [Fact]
    public async Task On_a_desktop_the_filters_show_without_opening_them()
    {
        var page = await NewPageAsync(1280, 900);
        await page.GotoAsync("/ket-qua-khao-sat");
        await Expect(page.GetByLabel("Lĩnh vực", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Xem" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Lọc kết quả")).ToBeHiddenAsync();
        var headline = await page.Locator(".figure-main").First.BoundingBoxAsync();
        Assert.True(headline!.Y + headline.Height <= 900, $"The headline figure ends at {headline.Y + headline.Height} px");
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_results_page_fits_a_phone()
    {
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync("/ket-qua-khao-sat?unit=BK-NS");
        await page.GetByText("Lọc kết quả").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Xem" })).ToBeVisibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();
    }
}
