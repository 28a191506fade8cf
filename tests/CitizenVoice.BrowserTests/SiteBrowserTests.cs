using System.Text.RegularExpressions;
using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests;

/// <summary>Checks of the whole site: every page, public and staff, visited by a citizen and an administrator.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SiteBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task Every_public_and_staff_page_fits_a_360_pixel_phone_under_the_content_security_policy()
    {
        var (publicPages, staffPages, surveyTeamPages) = await SiteTour.PagesAsync(App);
        var citizen = await NewPageAsync(360, 740);
        var admin = await NewPageAsync(360, 740);
        await new SignInPage(admin).SignInAsync("admin");
        var surveyTeam = await NewPageAsync(360, 740);
        await new SignInPage(surveyTeam).SignInAsync("khaosat");

        await VisitAllAsync(citizen, publicPages);
        await VisitAllAsync(admin, staffPages);
        await VisitAllAsync(surveyTeam, surveyTeamPages);
    }

    [Fact]
    public async Task Every_page_has_its_own_title_followed_by_the_agency_in_Vietnamese_and_in_English()
    {
        var (publicPages, staffPages, surveyTeamPages) = await SiteTour.PagesAsync(App);
        var admin = await NewPageAsync();
        await new SignInPage(admin).SignInAsync("admin");
        var surveyTeam = await NewPageAsync();
        await new SignInPage(surveyTeam).SignInAsync("khaosat");

        foreach (var (language, agency) in new[] { ("Tiếng Việt", "Công an tỉnh Bắc Kạn"), ("English", "Bắc Kạn Provincial Police") })
        {
            var titles = new Dictionary<string, string>();
            foreach (var (page, paths) in new[] { (admin, publicPages.Where(p => p != "/dang-nhap" && !p.Contains('?', StringComparison.Ordinal)).Concat(staffPages)), (surveyTeam, surveyTeamPages) })
            {
                await page.GotoAsync("/");
                await page.GetByRole(AriaRole.Button, new() { Name = language }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = language })).ToHaveAttributeAsync("aria-pressed", "true");
                foreach (var path in paths)
                {
                    await page.GotoAsync(path);
                    titles[path] = await page.TitleAsync();
                }
            }

            var wrong = titles.Where(t => !Regex.IsMatch(t.Value, $"^\\S.* – {Regex.Escape(agency)}$")).Select(t => $"{t.Key}: \"{t.Value}\"").ToList();
            Assert.True(wrong.Count == 0, $"Titles not \"<page> – {agency}\":\n{string.Join('\n', wrong)}");
            var shared = titles.GroupBy(t => t.Value).Where(g => g.Count() > 1).Select(g => $"\"{g.Key}\": {string.Join(", ", g.Select(t => t.Key))}").ToList();
            Assert.True(shared.Count == 0, $"Pages share a title:\n{string.Join('\n', shared)}");
        }
    }

    [Fact]
    public async Task Forms_with_a_validation_summary_open_without_an_empty_error_box()
    {
        var (_, _, surveyTeamPages) = await SiteTour.PagesAsync(App);
        var citizen = await NewPageAsync();
        await citizen.GotoAsync("/khao-sat/BK-NS/CCCD");
        await Expect(citizen.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" })).ToBeVisibleAsync();
        await Expect(citizen.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await citizen.AssertNoProblemsAsync();

        var surveyTeam = await NewPageAsync();
        await new SignInPage(surveyTeam).SignInAsync("khaosat");
        foreach (var path in surveyTeamPages.Where(p => p.Contains("/nhap", StringComparison.Ordinal) || p.Contains("/phieu-giay", StringComparison.Ordinal)
            || p.EndsWith("/dot/them", StringComparison.Ordinal) || p.Contains("/doi-chieu/", StringComparison.Ordinal)))
        {
            await surveyTeam.GotoAsync(path);
            await Expect(surveyTeam.Locator("main form").First).ToBeVisibleAsync();
            await Expect(surveyTeam.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
            await surveyTeam.AssertNoProblemsAsync();
        }
    }

    // Every page is visited even when one fails, so the report lists all that need mending.
    private static async Task VisitAllAsync(IPage page, IEnumerable<string> paths)
    {
        var failures = new List<string>();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            if (response is not { Ok: true })
            {
                failures.Add($"{path} answered {response?.Status}");
                continue;
            }

            await Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
            try
            {
                await page.AssertNoProblemsAsync();
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add(e.Message);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
