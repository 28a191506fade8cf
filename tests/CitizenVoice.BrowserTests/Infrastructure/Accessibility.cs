using System.Text.Json;
using Microsoft.Playwright;

namespace CitizenVoice.BrowserTests.Infrastructure;

/// <summary>
/// The accessibility check every browser test runs on every page it visits: axe-core (vendored) must find no
/// serious or critical WCAG 2.1 A/AA violation.
/// </summary>
public static class Accessibility
{
    private static readonly string AxeSource = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js"));

    public static async Task AssertAccessibleAsync(this IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = AxeSource });
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
    }

    /// <summary>Nothing wider than the screen: a 360 px phone never scrolls sideways.</summary>
    public static async Task AssertNoHorizontalScrollAsync(this IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the viewport");
    }
}
