using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Organisation;

/// <summary>The browser app on the demo as <c>dotnet run</c> seeds it: Bắc Kạn until 2025, Thái Nguyên since.</summary>
public sealed class DemoStoryBrowserApp : BrowserApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Seed:Reorganisation2025", "true")];
}

public sealed class DemoStoryBrowserTests(DemoStoryBrowserApp app) : BrowserTest(app), IClassFixture<DemoStoryBrowserApp>
{
    [Fact]
    public async Task On_a_phone_a_citizen_goes_from_this_years_Thai_Nguyen_to_2022_and_opens_Ngan_Son_to_find_Van_Tung()
    {
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync("/ket-qua-khao-sat");
        await Expect(page.Locator("#headline")).ToContainTextAsync("Công an tỉnh Thái Nguyên");
        await Expect(page.Locator("section[aria-labelledby=units] tbody")).ToContainTextAsync("Công an xã Trung Hoà");
        await page.AssertNoHorizontalScrollAsync();

        // The year 2022, chosen in the folded filters as a citizen would.
        await page.GetByText("Lọc kết quả").ClickAsync();
        await page.GetByLabel("Từ ngày").FillAsync("2022-01-01");
        await page.GetByLabel("Đến ngày").FillAsync("2022-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).First.ClickAsync();
        await Expect(page.Locator("#headline")).ToContainTextAsync("Công an tỉnh Bắc Kạn");

        await page.Locator("section[aria-labelledby=units]").GetByRole(AriaRole.Link, new() { Name = "Công an huyện Ngân Sơn" }).ClickAsync();
        await Expect(page.Locator("#headline")).ToContainTextAsync("Công an huyện Ngân Sơn");
        await Expect(page.Locator("section[aria-labelledby=units] tbody")).ToContainTextAsync("Công an xã Vân Tùng");
        await Expect(page.Locator("section[aria-labelledby=levels] tbody")).ToContainTextAsync("Cấp huyện");
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();
    }
}
