using CitizenVoice.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CitizenVoice.BrowserTests.Infrastructure;

/// <summary>Page objects: what a person does on a screen, by the labels they read.</summary>
public sealed class SignInPage(IPage page)
{
    public async Task SignInAsync(string userName, string password = CitizenVoiceApp.DemoPassword)
    {
        await page.GotoAsync("/dang-nhap");
        await page.AssertAccessibleAsync();
        try
        {
            await SubmitAsync(userName, password, timeout: 15_000);
        }
        catch (TimeoutException)
        {
            // Seen once (PostgreSQL run, 2026-11-28): the first sign-in of a browser context stayed on the sign-in page
            // with no server error logged; cause not found yet. A person would press the button again, so does the test;
            // a sign-in that never works still fails here.
            await page.GotoAsync("/dang-nhap");
            await SubmitAsync(userName, password, timeout: 30_000);
        }
    }

    /// <summary>Fills the sign-in form already on screen and waits for the page the person is sent to.</summary>
    public Task SubmitAsync(string userName, string expectedUrl) => SubmitAsync(userName, CitizenVoiceApp.DemoPassword, 15_000, expectedUrl);

    private async Task SubmitAsync(string userName, string password, float timeout, string expectedUrl = "**/quan-tri")
    {
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(expectedUrl, new() { Timeout = timeout });
    }
}
