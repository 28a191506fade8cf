using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class FoundationBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task An_administrator_adds_a_commune_under_a_district_and_sees_it_in_the_tree()
    {
        var page = await app.NewPageAsync();
        await new SignInPage(page).SignInAsync("admin");
        await page.AssertAccessibleAsync();

        var tree = new UnitTreePage(page);
        await tree.OpenAsync();
        await page.AssertAccessibleAsync();
        await tree.AddUnitUnderAsync("Công an huyện Pác Nặm", "BK-PN-MOI", "Công an xã Mới Lập", "xã");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu đơn vị Công an xã Mới Lập.");
        await Expect(tree.Branch("Công an huyện Pác Nặm")).ToContainTextAsync("Công an xã Mới Lập");
    }

    [Fact]
    public async Task The_home_page_fits_a_360_pixel_phone_and_switches_to_English()
    {
        var page = await app.NewPageAsync(360, 740);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Xem danh bạ đơn vị" })).ToBeVisibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "View the unit directory" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "View the unit directory" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unit directory", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();
    }
}

public sealed class IdleWarningBrowserTests(ShortIdleApp app) : IClassFixture<ShortIdleApp>
{
    private const string Warning = "Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập. Thời gian chờ:";

    [Fact]
    public async Task The_idle_dialog_counts_down_and_its_button_keeps_the_session()
    {
        var page = await app.NewPageAsync();
        await new SignInPage(page).SignInAsync("thuky");

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(dialog).ToContainTextAsync(Warning);
        await page.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Bấm vào đây" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // The idle period starts again: the dialog comes back later, and the session is still alive.
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Bấm vào đây" }).ClickAsync();
        await page.GotoAsync("/tai-khoan");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tài khoản của tôi" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Letting_the_countdown_run_out_signs_the_user_out()
    {
        var page = await app.NewPageAsync();
        await new SignInPage(page).SignInAsync("khaosat");

        await page.WaitForURLAsync("**/dang-nhap?het-phien=true", new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Phiên đăng nhập đã kết thúc");
        await page.GotoAsync("/quan-tri");
        await page.WaitForURLAsync("**/dang-nhap?ReturnUrl=%2Fquan-tri");
    }
}
