using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Dialogues;

[Collection(BrowserCollection.Name)]
public sealed class DialogueBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task A_citizen_on_a_phone_finds_a_dialogue_and_sends_a_question_anonymously()
    {
        var page = await app.NewPageAsync(360, 740);
        await page.GotoAsync("/doi-thoai");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        await page.Locator("main a[href^='/doi-thoai/']").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("Ngân Sơn") }).First.ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Nội dung câu hỏi").FillAsync("Xin hỏi thời gian cấp căn cước cho người cao tuổi tại xã là bao lâu?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }
}
