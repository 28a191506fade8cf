using CitizenVoice.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace CitizenVoice.BrowserTests.Infrastructure;

/// <summary>The app on a real Kestrel port, and one headless Debian Chromium driven by Playwright.</summary>
public class BrowserApp : CitizenVoiceApp, IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser profile under the app's real Content Security Policy: a page the policy breaks must fail its
    /// test, so the page is watched for policy violations, console errors and (on a phone-sized screen) content wider
    /// than the screen (<see cref="PageWatch"/>).
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "vi-VN",
        });
        // Nothing but the app itself may be contacted: any other request is a defect (a CDN, a font service…).
        await context.RouteAsync(url => !url.StartsWith(BaseUrl, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal),
            route => throw new InvalidOperationException($"Unexpected outbound request to {route.Request.Url}"));
        var page = await context.NewPageAsync();
        await PageWatch.StartAsync(page, width);
        return page;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>
/// The same app with a three-second idle time and a four-second countdown, for the idle-warning tests; the
/// keep-alive may then be sent every second and a half (half the idle time) instead of every minute.
/// </summary>
public sealed class ShortIdleApp : BrowserApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Session:IdleTimeout", "00:00:03"), new("Session:WarningSeconds", "4")];
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
