using CitizenVoice.BrowserTests.Infrastructure;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Dialogues;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Home;

/// <summary>What a citizen sees of the front page without scrolling, on a phone and on a desktop.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FrontPageBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Theory]
    [InlineData(360, 740)]
    [InlineData(1280, 800)]
    public async Task The_first_screen_holds_the_dialogues_the_satisfaction_figure_and_the_three_ways_to_reach_the_agency(int width, int height)
    {
        // A live dialogue with a long title, as real ones have: its two lines at most must not push the rest down.
        await DialogueTestData.CreateSessionAsync(App, "BK-NS", DialogueStatus.Live,
            "Hội nghị đối thoại trực tiếp về thủ tục hành chính và giải quyết thủ tục hành chính cấp Công an tỉnh, Công an huyện Ngân Sơn năm 2026");
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/");

        var dialogues = page.GetByRole(AriaRole.Region, new() { Name = "Đối thoại đang diễn ra và sắp tới" });
        var live = dialogues.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Đang diễn ra" }).First;
        var satisfaction = page.GetByRole(AriaRole.Region, new() { Name = "Sự hài lòng của người dân, tổ chức" });
        var figure = satisfaction.GetByRole(AriaRole.Link, new() { Name = "hài lòng" });
        var ways = page.GetByRole(AriaRole.Navigation, new() { Name = "Gửi ý kiến đến cơ quan Công an" });
        var seen = new Dictionary<string, ILocator>
        {
            ["a live dialogue, marked live"] = live,
            ["its start"] = live.Locator("time"),
            ["the link to every dialogue"] = dialogues.GetByRole(AriaRole.Link, new() { Name = "Lịch đối thoại" }),
            ["the satisfaction figure"] = figure,
            ["its interval"] = satisfaction.GetByText("khoảng tin cậy"),
            ["its n and period"] = satisfaction.GetByText("n = "),
            ["rate a service"] = ways.GetByRole(AriaRole.Link, new() { Name = "Đánh giá sự hài lòng" }),
            ["ask a question"] = ways.GetByRole(AriaRole.Link, new() { Name = "Đặt câu hỏi đối thoại" }),
            ["send feedback"] = ways.GetByRole(AriaRole.Link, new() { Name = "Gửi phản ánh, kiến nghị" }),
        };

        var below = new List<string>();
        foreach (var (what, locator) in seen)
        {
            await Expect(locator).ToBeVisibleAsync();
            var box = await locator.BoundingBoxAsync();
            if (box is null || box.Y < 0 || box.Y + box.Height > height)
            {
                below.Add($"{what} at {box?.Y:0}–{box?.Y + box?.Height:0} px");
            }
        }

        Assert.True(below.Count == 0, $"Not on the first screen ({width} × {height}): {string.Join("; ", below)}");
        await Expect(figure).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+,\d\u00a0% hài lòng$"));
        await page.AssertAccessibleAsync();

        await figure.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kết quả đo lường sự hài lòng của người dân, tổ chức" })).ToBeVisibleAsync();
    }
}
