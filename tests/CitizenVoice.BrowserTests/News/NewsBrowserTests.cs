using System.Globalization;
using System.Text.RegularExpressions;
using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.News;

[Collection(BrowserCollection.Name)]
public sealed partial class NewsBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [GeneratedRegex(@"Tổng số điểm của bài viết là: (\d+) trong (\d+) đánh giá")]
    private static partial Regex RatingLine();

    [Fact]
    public async Task A_reader_on_a_phone_finds_an_article_in_the_news_reads_it_and_rates_it_with_the_keyboard_once()
    {
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync("/tin-tuc");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tin tức", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Hiệu quả từ tiếp xúc, đối thoại" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Hiệu quả từ tiếp xúc, đối thoại", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".news-author")).ToContainTextAsync("Bình Minh");
        await page.AssertAccessibleAsync();
        var before = RatingLine().Match(await page.Locator("[data-rating-line]").InnerTextAsync());
        var (sum, count) = (int.Parse(before.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(before.Groups[2].Value, CultureInfo.InvariantCulture));

        // Arrow keys move along the stars as along any group of radio buttons; Enter sends the form.
        await page.GetByRole(AriaRole.Radio, new() { Name = "1 sao" }).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "4 sao" })).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByText("Cảm ơn bạn đã đánh giá bài viết.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-rating-line]")).ToHaveTextAsync($"Tổng số điểm của bài viết là: {sum + 4} trong {count + 1} đánh giá");
        await page.AssertAccessibleAsync();

        await page.Locator("label[for=star-2]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "2 sao" })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bạn đã đánh giá bài viết này.");
        await Expect(page.Locator("[data-rating-line]")).ToHaveTextAsync($"Tổng số điểm của bài viết là: {sum + 4} trong {count + 1} đánh giá");
        await page.AssertAccessibleAsync();
    }
}
