using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using CitizenVoice.Features.Visitors;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Visitors;

/// <summary>
/// The "Thống kê truy cập" box in the footer of every public page: views counted exactly across restarts and copies of
/// the app on one database, visitors online with search engines apart, and only pages citizens read counted.
/// </summary>
public sealed class VisitorStatisticsTests
{
    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private const string Bingbot = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
    private const string CocCoc = "Mozilla/5.0 (compatible; coccocbot-web/1.0; +http://help.coccoc.com/searchengine)";

    private sealed record Box(long Online, long SearchEngines, long Visitors, long Today, long Month, long Total, Dictionary<string, string> Texts);

    private static async Task<Box?> BoxAsync(HttpClient client, string url = "/")
    {
        using var response = await client.GetAsync(url);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        if (document.QuerySelector("section.visitor-stats") is not { } box)
        {
            return null;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var texts = box.QuerySelectorAll("dd[data-figure]").ToDictionary(d => d.GetAttribute("data-figure")!, d => d.TextContent.Trim());
        long Figure(string name) => long.Parse(texts[name], NumberStyles.AllowThousands, url.Contains("culture=en", StringComparison.Ordinal)
            ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("vi-VN"));
        return new Box(Figure("online"), Figure("search-engines"), Figure("visitors"), Figure("today"), Figure("month"), Figure("total"), texts);
    }

    private static async Task ViewAsync(HttpClient client, int times, string url = "/")
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Views_counted_before_a_restart_are_all_in_the_box_after_it()
    {
        await using var after = new VisitorApp();
        await using (var before = new VisitorApp(after))
        {
            using var browser = before.Browser();
            await ViewAsync(browser, 6, "/doi-thoai");
            await ViewAsync(browser, 1, "/phan-anh-kien-nghi");
            // No flush has run (the interval is an hour): the views are in memory only until the app stops.
        }

        using var visitor = after.Browser();
        var box = await BoxAsync(visitor);
        Assert.Equal((8L, 8L, 8L), (box!.Today, box.Month, box.Total));
    }

    [Fact]
    public async Task Two_copies_of_the_app_on_one_database_add_up_their_views_exactly()
    {
        await using var first = new VisitorApp();
        await using var second = new VisitorApp(first);
        using var one = first.Browser();
        using var other = second.Browser();
        await ViewAsync(one, 3);
        await ViewAsync(other, 5, "/danh-ba");
        // Each copy shows the stored figures plus its own views since: before any flush, only its own.
        Assert.Equal(4L, (await BoxAsync(one))!.Today);

        // Both write at the same moment, each adding its own count; then each reads what both wrote: 4 + 5.
        await Task.WhenAll(first.FlushAsync(), second.FlushAsync());
        await Task.WhenAll(first.FlushAsync(), second.FlushAsync());
        Assert.Equal(10L, (await BoxAsync(one))!.Total);
        Assert.Equal(10L, (await BoxAsync(other))!.Total);
        await ViewAsync(other, 20);
        // A crawler whose requests the load balancer sends to both copies: both hash it with the key they share.
        var address = CitizenVoiceApp.NewClientAddress();
        using (var crawlerOnFirst = first.Agent(Googlebot, address))
        using (var crawlerOnSecond = second.Agent(Googlebot, address))
        {
            await ViewAsync(crawlerOnFirst, 1);
            await ViewAsync(crawlerOnSecond, 1);
        }

        await first.FlushAsync();
        await second.FlushAsync();
        await first.FlushAsync();
        var box = await BoxAsync(one);
        Assert.Equal((34L, 34L, 34L), (box!.Today, box.Month, box.Total));
        // Each copy's visitor is online on both, and the crawler is one search engine.
        Assert.Equal((2L, 1L), (box.Visitors, box.SearchEngines));
    }

    [Fact]
    public async Task Search_engines_are_online_apart_from_visitors_and_each_visitor_is_counted_once()
    {
        await using var app = new VisitorApp();
        using var google = app.Agent(Googlebot);
        using var bing = app.Agent(Bingbot);
        using var coccoc = app.Agent(CocCoc);
        using var reader = app.Browser();
        using var another = app.Browser();
        await ViewAsync(google, 3);
        await ViewAsync(bing, 1, "/doi-thoai");
        await ViewAsync(coccoc, 2);
        await ViewAsync(reader, 4);
        await ViewAsync(another, 1);

        var box = await BoxAsync(reader);
        Assert.Equal((5L, 3L, 2L), (box!.Online, box.SearchEngines, box.Visitors));
        await app.FlushAsync();
        box = await BoxAsync(reader);
        Assert.Equal((5L, 3L, 2L), (box!.Online, box.SearchEngines, box.Visitors));
        Assert.Equal(13L, box.Today);

        // Past the window, only those who came again are online.
        app.Clock.Now += TimeSpan.FromMinutes(6);
        await app.FlushAsync();
        box = await BoxAsync(google);
        Assert.Equal((1L, 1L, 0L), (box!.Online, box.SearchEngines, box.Visitors));
    }

    [Fact]
    public async Task A_browser_that_keeps_no_cookie_is_not_a_new_visitor_on_every_page()
    {
        await using var app = new VisitorApp();
        var address = CitizenVoiceApp.NewClientAddress();
        for (var i = 0; i < 5; i++)
        {
            using var noCookies = app.Agent("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", address);
            await ViewAsync(noCookies, 1);
        }

        using var reader = app.Browser();
        var box = await BoxAsync(reader);
        Assert.InRange(box!.Visitors, 2, 3); // the reader, and the other browser once or (its first page) twice
    }

    [Fact]
    public async Task The_visitor_tables_keep_nothing_personal()
    {
        await using var app = new VisitorApp();
        var address = CitizenVoiceApp.NewClientAddress();
        using var google = app.Agent(Googlebot, address);
        using var reader = app.Browser(address);
        await ViewAsync(google, 1);
        await ViewAsync(reader, 1);
        await app.FlushAsync();

        var rows = await app.WithDbAsync(db => Task.FromResult(db.RecentVisitors.Select(v => v.Key).ToList()));
        Assert.Equal(2, rows.Count);
        Assert.All(rows, key => Assert.Matches("^[0-9A-F]{32}$", key));
        Assert.All(rows, key => Assert.DoesNotContain(address, key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_pages_the_API_static_files_health_checks_and_missing_pages_are_not_counted()
    {
        await using var app = new VisitorApp();
        using var staff = app.CreateStaffClient();
        await staff.SignInAsync("admin");
        foreach (var url in new[] { "/quan-tri", "/quan-tri/don-vi", "/tai-khoan" })
        {
            var page = await staff.GetPageAsync(url);
            Assert.Null(page.QuerySelector("section.visitor-stats"));
        }

        using var browser = app.Browser();
        foreach (var url in new[] { "/api/v1/units", "/css/site.css", "/img/emblem.svg", "/health/live", "/health/ready", "/openapi/v1.json", "/dang-nhap" })
        {
            using var response = await browser.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using (var missing = await browser.GetAsync("/khong-ton-tai"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        Assert.Null(await BoxAsync(browser, "/dang-nhap"));
        await app.FlushAsync();
        var box = await BoxAsync(browser);
        Assert.Equal((1L, 1L), (box!.Today, box.Total));
    }

    [Fact]
    public async Task Today_starts_again_at_midnight_in_Vietnam_and_the_month_on_the_first()
    {
        // 23:59:30 on 31 December in Vietnam is 16:59:30 UTC.
        await using var app = new VisitorApp(new DateTimeOffset(2026, 12, 31, 16, 59, 30, TimeSpan.Zero));
        using var browser = app.Browser();
        await ViewAsync(browser, 4);
        Assert.Equal((5L, 5L, 5L), await FiguresAsync());

        app.Clock.Now = new DateTimeOffset(2026, 12, 31, 17, 0, 5, TimeSpan.Zero);
        Assert.Equal((1L, 1L, 6L), await FiguresAsync());
        await app.FlushAsync();
        Assert.Equal((2L, 2L, 7L), await FiguresAsync());
        var days = await app.WithDbAsync(db => Task.FromResult(db.VisitDays.OrderBy(d => d.Day).Select(d => new { d.Day, d.Views }).ToList()));
        Assert.Equal([new { Day = new DateOnly(2026, 12, 31), Views = 5L }, new { Day = new DateOnly(2027, 1, 1), Views = 1L }], days);

        async Task<(long, long, long)> FiguresAsync()
        {
            var box = await BoxAsync(browser);
            return (box!.Today, box.Month, box.Total);
        }
    }

    [Fact]
    public async Task The_box_writes_its_figures_the_Vietnamese_way_and_the_English_way()
    {
        await using var app = new VisitorApp(new DateTimeOffset(2026, 12, 10, 3, 0, 0, TimeSpan.Zero));
        await app.WithDbAsync(async db =>
        {
            db.VisitDays.Add(new VisitDay { Day = new DateOnly(2025, 3, 1), Views = 1_234_000 });
            db.VisitDays.Add(new VisitDay { Day = new DateOnly(2026, 12, 9), Views = 4_566 });
            await db.SaveChangesAsync();
        });
        await app.FlushAsync();
        using var browser = app.Browser();

        var box = await BoxAsync(browser);
        Assert.Equal(("1", "4.567", "1.238.567"), (box!.Texts["today"], box.Texts["month"], box.Texts["total"]));
        var page = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/"));
        var labels = page.QuerySelectorAll("section.visitor-stats dt").Select(d => d.TextContent.Trim());
        Assert.Equal(["Đang truy cập", "Máy chủ tìm kiếm", "Khách viếng thăm", "Hôm nay", "Tháng hiện tại", "Tổng lượt truy cập"], labels);
        Assert.Equal("Thống kê truy cập", page.QuerySelector("#visitor-stats-title")!.TextContent);

        var english = await BoxAsync(browser, "/?culture=en-GB&ui-culture=en-GB");
        Assert.Equal(("3", "4,569", "1,238,569"), (english!.Texts["today"], english.Texts["month"], english.Texts["total"]));
    }
}
