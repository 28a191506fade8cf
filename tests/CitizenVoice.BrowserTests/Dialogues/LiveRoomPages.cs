using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Dialogues;

/// <summary>A session's public page, as a citizen on a phone uses it to send a question.</summary>
public sealed class SessionPage(IPage page)
{
    public async Task OpenAsync(int sessionId)
    {
        await page.GotoAsync($"/doi-thoai/{sessionId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Gửi câu hỏi" })).ToBeVisibleAsync();
    }

    public async Task SendQuestionAsync(string text)
    {
        await page.GetByLabel("Nội dung câu hỏi").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();
    }
}

/// <summary>The secretary's console: each opinion is an article with its own buttons and answer form.</summary>
public sealed class ModerationConsolePage(IPage page)
{
    public async Task OpenAsync(int sessionId)
    {
        await page.GotoAsync($"/quan-tri/doi-thoai/{sessionId}/dieu-phoi");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Điều phối ý kiến", Level = 1 })).ToBeVisibleAsync();
        // The console announces new questions once its live connection has joined the session.
        await Expect(page.Locator("#console-live")).ToHaveAttributeAsync("data-listening", "true");
    }

    /// <summary>The notice that new questions wait, shown without reloading the page.</summary>
    public ILocator NewQuestionsNotice => page.GetByRole(AriaRole.Status).Filter(new() { HasText = "chờ duyệt" });

    private ILocator Opinion(string text) => page.GetByRole(AriaRole.Article).Filter(new() { HasText = text });

    public async Task ApproveAsync(string text)
    {
        await page.ReloadAsync();
        await Opinion(text).GetByRole(AriaRole.Button, new() { Name = "Duyệt", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Đã duyệt ý kiến." })).ToBeVisibleAsync();
    }

    public async Task PutOnScreenAsync(string text)
    {
        await Opinion(text).GetByRole(AriaRole.Button, new() { Name = "Đưa lên màn hình trực tiếp" }).ClickAsync();
        await Expect(Opinion(text).GetByText("Đang trên màn hình trực tiếp")).ToBeVisibleAsync();
    }

    public async Task AnswerAsync(string text, string answer, string answeredBy)
    {
        var opinion = Opinion(text);
        await opinion.GetByLabel("Trả lời", new() { Exact = true }).FillAsync(answer);
        await opinion.GetByLabel("Người trả lời").FillAsync(answeredBy);
        await opinion.GetByRole(AriaRole.Button, new() { Name = "Lưu câu trả lời" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Đã lưu câu trả lời." })).ToBeVisibleAsync();
    }
}

/// <summary>The public live room, watched by a viewer who never reloads.</summary>
public sealed class LiveRoomViewerPage(IPage page)
{
    public async Task OpenAsync(int sessionId)
    {
        await page.GotoAsync($"/doi-thoai/{sessionId}/truc-tiep");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phòng trực tiếp", Level = 1 })).ToBeVisibleAsync();
        // The viewer count replaces "–" once the page has joined the session's live updates.
        await Expect(page.Locator("#viewer-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        // A mark that a reload would wipe: the test checks at the end that everything arrived on this same page.
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
    }

    public ILocator Queue => page.GetByRole(AriaRole.Region, new() { Name = "Câu hỏi đã duyệt" });

    public ILocator OnScreen => page.GetByRole(AriaRole.Region, new() { Name = "Câu hỏi đang được trả lời" });

    public Task<bool> WasNeverReloadedAsync() => page.EvaluateAsync<bool>("() => window.stillTheSamePage === true");
}
