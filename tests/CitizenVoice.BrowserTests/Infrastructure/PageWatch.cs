using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace CitizenVoice.BrowserTests.Infrastructure;

/// <summary>
/// What every browser test checks on every page without being asked: no Content Security Policy violation, no
/// console or script error, and on a phone-sized screen nothing that sticks out to the right. Problems are collected
/// as pages load and asserted by <see cref="Accessibility.AssertAccessibleAsync"/> and at the end of each test
/// (<see cref="BrowserTest"/>).
/// </summary>
public static class PageWatch
{
    /// <summary>Screens up to this width are phones: every page must fit them.</summary>
    public const int PhoneWidth = 480;

    private static readonly ConditionalWeakTable<IPage, List<string>> Problems = [];

    // The policy reports each violation to the page as an event; the listener is installed before any page script
    // runs, so even a violation in the first parsed element is seen.
    private const string ViolationListener =
        """
        document.addEventListener('securitypolicyviolation', e => {
          window.cvReportViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || document.URL}:${e.lineNumber} ${e.sample || ''}`);
        }, true);
        """;

    // Real overflow: any visible element whose box ends right of the viewport, unless a box that scrolls or clips
    // sideways holds it (a wide table in a .table-responsive wrapper), which is then checked itself. A box holds an
    // absolutely positioned element only if it is that element's containing block: Bootstrap's visually-hidden text
    // inside a scrolling table escapes a static wrapper and widens the page. The page root and body do not count as
    // a holding box: hiding overflow there would only cut content off.
    private const string OverflowScript =
        """
        () => {
          const width = document.documentElement.clientWidth;
          const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
            (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '');
          const held = el => {
            let position = getComputedStyle(el).position;
            for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
              if (position === 'fixed') return false;
              const style = getComputedStyle(a);
              const containing = style.position !== 'static' || style.transform !== 'none';
              if (position === 'absolute' && !containing) continue;
              if (style.overflowX !== 'visible') return true;
              position = style.position;
            }
            return false;
          };
          const found = [];
          for (const el of document.body.querySelectorAll('*')) {
            const box = el.getBoundingClientRect();
            if (box.width === 0 || box.height === 0 || box.right + window.scrollX <= width + 0.5) continue;
            if (getComputedStyle(el).visibility === 'hidden' || held(el)) continue;
            found.push(`${describe(el)} reaches ${Math.round(box.right + window.scrollX)}px`);
          }
          const root = document.documentElement.scrollWidth - width;
          if (root > 0) found.push(`the page scrolls ${root}px sideways`);
          return found.slice(0, 8);
        }
        """;

    public static async Task StartAsync(IPage page, int viewportWidth)
    {
        var problems = Problems.GetValue(page, _ => []);
        void Add(string problem)
        {
            lock (problems)
            {
                problems.Add(problem);
            }
        }

        await page.ExposeFunctionAsync("cvReportViolation", (string text) => Add($"Content Security Policy: {text}"));
        await page.AddInitScriptAsync(ViolationListener);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"Console error on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => Add($"Script error on {page.Url}: {error}");
        if (viewportWidth <= PhoneWidth)
        {
            page.Load += async (_, loaded) =>
            {
                try
                {
                    foreach (var overflow in await FindOverflowAsync(loaded))
                    {
                        Add(overflow);
                    }
                }
                catch (PlaywrightException)
                {
                    // The test moved on before the check ran (the page navigated or closed); the next page is checked.
                }
            };
        }
    }

    /// <summary>Fails with every problem seen on the page so far, after checking the current page's width once more.</summary>
    public static async Task AssertNoProblemsAsync(this IPage page)
    {
        var problems = Problems.GetValue(page, _ => []);
        if (!page.IsClosed && page.ViewportSize is { Width: <= PhoneWidth })
        {
            var overflow = await FindOverflowAsync(page);
            lock (problems)
            {
                problems.AddRange(overflow);
            }
        }

        string[] seen;
        lock (problems)
        {
            seen = [.. problems.Distinct()];
            problems.Clear();
        }

        Assert.True(seen.Length == 0, $"Problems seen in the browser:\n{string.Join('\n', seen)}");
    }

    private static async Task<IReadOnlyList<string>> FindOverflowAsync(IPage page)
    {
        var found = await page.EvaluateAsync<string[]>(OverflowScript);
        return found.Length == 0 ? [] : [$"{page.Url} is wider than the {page.ViewportSize?.Width}px screen: {string.Join("; ", found)}"];
    }
}
