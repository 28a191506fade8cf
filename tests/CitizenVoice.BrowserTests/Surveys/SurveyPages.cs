using Microsoft.Playwright;

namespace CitizenVoice.BrowserTests.Surveys;

/// <summary>The online survey form, as a citizen reads it: each question is a group named by its text.</summary>
public sealed class SurveyFormPage(IPage page)
{
    public async Task OpenAsync(string unitCode, string fieldCode)
    {
        // The address the counter's QR code carries.
        await page.GotoAsync($"/khao-sat/{unitCode}/{fieldCode}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    public Task AnswerAsync(string question, string answer) =>
        page.GetByRole(AriaRole.Group, new() { Name = question, Exact = true }).GetByLabel(answer, new() { Exact = true }).CheckAsync();

    public Task SendAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
}

/// <summary>The counter kiosk: big faces named by their labels.</summary>
public sealed class KioskPage(IPage page)
{
    public Task OpenAsync(string unitCode, string fieldCode) => page.GotoAsync($"/khao-sat/kiosk/{unitCode}/{fieldCode}");

    public Task TapAsync(string label) => page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
}

/// <summary>The paper-form entry screen, driven from the keyboard as a typist does.</summary>
public sealed class PaperEntryPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/quan-tri/khao-sat/phieu-giay");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nhập phiếu giấy", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Chooses the unit and field, types the serial, then one digit per question from the first one on.</summary>
    public async Task TypeFormAsync(string unit, string field, string serial, string digits)
    {
        await page.GetByLabel("Đơn vị được khảo sát").SelectOptionAsync(new SelectOptionValue { Label = unit });
        await page.GetByLabel("Lĩnh vực").SelectOptionAsync(new SelectOptionValue { Label = field });
        await page.GetByLabel("Số phiếu").FillAsync(serial);
        await page.GetByLabel("Số phiếu").PressAsync("Enter");
        foreach (var digit in digits)
        {
            await page.Keyboard.PressAsync(digit.ToString());
        }
    }

    public Task SaveAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Lưu lần nhập" }).ClickAsync();
}
