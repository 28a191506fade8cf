using Microsoft.Playwright;

namespace CitizenVoice.BrowserTests.Infrastructure;

/// <summary>
/// A browser test: its pages are watched (<see cref="PageWatch"/>) and, when the test ends, any policy violation,
/// console error or overflow seen on any of them fails it, even on pages it never checked itself.
/// </summary>
public abstract class BrowserTest(BrowserApp app) : IAsyncLifetime
{
    private readonly List<IPage> _pages = [];

    protected BrowserApp App { get; } = app;

    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var page = await App.NewPageAsync(width, height);
        _pages.Add(page);
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var page in _pages)
            {
                await page.AssertNoProblemsAsync();
            }
        }
        finally
        {
            foreach (var page in _pages)
            {
                await page.Context.CloseAsync();
            }
        }
    }
}
