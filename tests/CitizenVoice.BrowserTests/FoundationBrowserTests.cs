using CitizenVoice.BrowserTests.Infrastructure;
using CitizenVoice.BrowserTests.Organisation;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class FoundationBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task An_administrator_adds_a_commune_under_a_district_and_sees_it_in_the_tree()
    {
        var page = await NewPageAsync();
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
        var page = await NewPageAsync(360, 740);
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

public sealed class IdleWarningBrowserTests(ShortIdleApp app) : BrowserTest(app), IClassFixture<ShortIdleApp>
{
    // ShortIdleApp: the dialog after 3 s without activity, a 4 s countdown, the server session 3 + 4 + 2 = 9 s.
    private const string Warning = "Bạn đã không sử dụng trang một thời gian. Bấm vào đây để duy trì trạng thái đăng nhập. Thời gian chờ:";
    private static readonly TimeSpan ServerSession = TimeSpan.FromSeconds(9);

    [Fact]
    public async Task The_idle_dialog_fits_a_phone_counts_down_and_its_button_keeps_the_session()
    {
        var page = await NewPageAsync(360, 740);
        await new SignInPage(page).SignInAsync("thuky");

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(dialog).ToContainTextAsync(Warning);
        var keep = dialog.GetByRole(AriaRole.Button, new() { Name = "Bấm vào đây" });
        var countdown = dialog.GetByRole(AriaRole.Timer);
        await Expect(keep).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(countdown).ToBeInViewportAsync(new() { Ratio = 1 });
        var box = await dialog.BoundingBoxAsync();
        Assert.True(box is { X: >= 0 } && box.X + box.Width <= 360, $"The dialog spans {box?.X}–{box?.X + box?.Width}px of a 360px screen");
        var first = int.Parse(await countdown.InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await Expect(countdown).ToHaveTextAsync((first - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.AssertAccessibleAsync();

        await keep.ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        // The idle period starts again: the dialog comes back later, and the session is still alive.
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await keep.ClickAsync();
        await page.GotoAsync("/tai-khoan");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tài khoản của tôi" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Typing_keeps_the_dialog_away_and_the_keep_alive_extends_the_server_session_at_most_once_per_interval()
    {
        var page = await NewPageAsync();
        var keepAlives = KeepAlives(page);
        await new SignInPage(page).SignInAsync("canbo.babe");
        await page.GotoAsync("/tai-khoan");
        var field = page.GetByLabel("Mật khẩu hiện tại");
        var started = DateTime.UtcNow;

        // Twelve seconds of typing, four times the idle time and longer than the server session.
        await field.PressSequentiallyAsync("mot-chuoi-go-cham-qua-muoi-hai-giay", new() { Delay = 350 });
        var typing = DateTime.UtcNow - started;
        Assert.True(typing > ServerSession, $"Typing took only {typing}");

        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeHiddenAsync();
        await Expect(field).ToHaveValueAsync("mot-chuoi-go-cham-qua-muoi-hai-giay");
        var response = await page.APIRequest.GetAsync("/quan-tri", new() { MaxRedirects = 0 });
        Assert.Equal(200, response.Status);
        // Throttled: one post per 1.5 s interval at most (half the idle time), not one per key.
        Assert.InRange(keepAlives.Count, 3, (int)(typing.TotalSeconds / 1.5) + 2);
    }

    [Fact]
    public async Task A_page_left_alone_sends_no_keep_alive_and_the_server_ends_its_session()
    {
        var page = await NewPageAsync();
        var keepAlives = KeepAlives(page);
        await new SignInPage(page).SignInAsync("lanhdao.nganson");
        var loaded = DateTime.UtcNow;

        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync(new() { Timeout = 10_000 });
        // Only loading the page counted as activity.
        Assert.InRange(keepAlives.Count, 0, 1);

        // The browser goes to sleep with the session's cookie: the server ends the session on its own.
        await page.GotoAsync("about:blank");
        var wait = loaded + ServerSession + TimeSpan.FromSeconds(1.5) - DateTime.UtcNow;
        await page.WaitForTimeoutAsync((float)Math.Max(0, wait.TotalMilliseconds));
        var response = await page.APIRequest.GetAsync("/quan-tri", new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
        Assert.StartsWith("/dang-nhap", new Uri(new Uri(App.BaseUrl), response.Headers["location"]).AbsolutePath, StringComparison.Ordinal);
        Assert.InRange(keepAlives.Count, 0, 1);
    }

    [Fact]
    public async Task Letting_the_countdown_run_out_signs_the_user_out_and_signing_in_again_returns_to_the_same_page()
    {
        var page = await NewPageAsync();
        await new SignInPage(page).SignInAsync("khaosat");
        await page.GotoAsync("/quan-tri/khao-sat/dot");

        await page.WaitForURLAsync(new Regex(@"/dang-nhap\?het-phien=true&ReturnUrl=%2Fquan-tri%2Fkhao-sat%2Fdot$"), new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Phiên đăng nhập đã kết thúc");
        var response = await page.APIRequest.GetAsync("/quan-tri", new() { MaxRedirects = 0 });
        Assert.Equal(302, response.Status);

        await new SignInPage(page).SubmitAsync("khaosat", "**/quan-tri/khao-sat/dot");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Đợt khảo sát", Level = 1 })).ToBeVisibleAsync();
    }

    private static List<string> KeepAlives(IPage page)
    {
        var posts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/tai-khoan/giu-phien", StringComparison.Ordinal))
            {
                lock (posts)
                {
                    posts.Add(request.Url);
                }
            }
        };
        return posts;
    }
}
