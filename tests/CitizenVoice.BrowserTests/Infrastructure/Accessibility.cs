using System.Text.Json;
using Microsoft.Playwright;

namespace CitizenVoice.BrowserTests.Infrastructure;

/// <summary>
/// The check every browser test runs on every page it visits: axe-core (vendored) must find no serious or critical
/// WCAG 2.1 A/AA violation, and the page must have shown no policy violation, console error or overflow.
/// </summary>
public static class Accessibility
{
    private static readonly string AxeSource = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js"));

    public static async Task AssertAccessibleAsync(this IPage page)
    {
        // Evaluated through the browser's debugging protocol, which the page's Content Security Policy does not
        // govern: the app's policy (scripts only from its own files) stays in force for everything else.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource);
        }

        var json = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
            }
            """);
        var violations = json.EnumerateArray().Select(v => $"{v.GetProperty("impact")} {v.GetProperty("id")}: {v.GetProperty("help")} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray())}").ToList();
        Assert.True(violations.Count == 0, $"Accessibility violations on {page.Url}:\n{string.Join('\n', violations)}");
        await page.AssertNoProblemsAsync();
    }

    /// <summary>Nothing wider than the screen: a 360 px phone never scrolls sideways (see <see cref="PageWatch"/>).</summary>
    public static Task AssertNoHorizontalScrollAsync(this IPage page) => page.AssertNoProblemsAsync();
}
