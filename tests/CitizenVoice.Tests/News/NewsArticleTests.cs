using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using CitizenVoice.Features.News;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.News;

[Collection(AppCollection.Name)]
public sealed class NewsArticleTests(CitizenVoiceApp app)
{
    private const string HostileBody = """
        Đoạn mở đầu **đậm**.

        <script>alert('xss')</script>
        <p style="color:red" onclick="alert(1)">Đoạn có kiểu riêng</p>
        <img src="/tin-tuc/anh/1" alt="Ảnh của trang" onerror="alert(2)">
        <img src="https://evil.example/theo-doi.png" alt="Ảnh nơi khác">
        <a href="javascript:alert(3)">Liên kết độc</a>
        <iframe src="https://evil.example"></iframe>

        [Cổng dịch vụ công](https://dichvucong.gov.vn)
        """;

    [Fact]
    public async Task The_article_body_is_rendered_from_Markdown_without_scripts_inline_styles_event_handlers_or_images_from_elsewhere()
    {
        var article = await NewsTestData.AddArticleAsync(app, body: HostileBody);
        using var reader = app.CreateStaffClient();
        var page = await reader.GetPageAsync($"/tin-tuc/{article.Slug}");
        var body = page.QuerySelector(".news-body")!;

        Assert.Equal("đậm", body.QuerySelector("strong")?.TextContent);
        Assert.Contains("Đoạn có kiểu riêng", body.TextContent, StringComparison.Ordinal);
        Assert.Empty(body.QuerySelectorAll("script, iframe, [style], [onclick], [onerror]"));
        Assert.DoesNotContain("alert", body.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(["/tin-tuc/anh/1"], body.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
        Assert.Equal(["https://dichvucong.gov.vn"], body.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")));
        Assert.Contains("Ảnh nơi khác", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_article_page_shows_title_author_Vietnam_time_section_and_the_empty_rating_line()
    {
        var article = await NewsTestData.AddArticleAsync(app, publishedAt: new DateTime(2031, 6, 22, 0, 27, 0, DateTimeKind.Utc), category: "canh-bao");
        using var reader = app.CreateStaffClient();
        var page = await reader.GetPageAsync($"/tin-tuc/{article.Slug}");

        Assert.Equal(article.Title, page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Tác giả: Phóng viên", page.QuerySelector(".news-author")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2031-06-22T07:27:00+07:00", page.QuerySelector(".news-meta time")!.GetAttribute("datetime"));
        Assert.Contains("22/06/2031 07:27", page.QuerySelector(".news-meta time")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Cảnh báo, khuyến cáo", page.QuerySelector(".news-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Tổng số điểm của bài viết là: 0 trong 0 đánh giá", page.QuerySelector("[data-rating-line]")!.TextContent.Trim());
        Assert.Contains("Ý kiến bạn đọc", page.QuerySelector("#y-kien h2")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_sites_not_found_page()
    {
        using var reader = app.CreateStaffClient();
        var page = await reader.GetPageAsync("/tin-tuc/khong-co-bai-nay", HttpStatusCode.NotFound);
        Assert.NotNull(page.QuerySelector("main h1"));
        await reader.GetPageAsync("/tin-tuc/KHONG%20hop%20le", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_is_invisible_to_the_public_and_to_staff_who_are_not_editors_but_editors_can_read_it()
    {
        var draft = await NewsTestData.AddArticleAsync(app, NewsStatus.Draft);
        using var reader = app.CreateStaffClient();
        await reader.GetPageAsync($"/tin-tuc/{draft.Slug}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(draft.Slug, (await reader.GetPageAsync("/tin-tuc")).Body!.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(draft.Slug, await reader.Http.GetStringAsync(new Uri("/tin-tuc/rss", UriKind.Relative)), StringComparison.Ordinal);

        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        await officer.GetPageAsync($"/tin-tuc/{draft.Slug}", HttpStatusCode.NotFound);
        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        await secretary.GetPageAsync($"/tin-tuc/{draft.Slug}", HttpStatusCode.NotFound);

        using var editor = app.CreateStaffClient();
        await editor.SignInAsync("bientap");
        var page = await editor.GetPageAsync($"/tin-tuc/{draft.Slug}");
        Assert.Contains("Bản nháp", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Rate']"));
    }

    [Fact]
    public async Task An_editor_writes_previews_and_publishes_an_article_and_the_change_is_in_the_audit_log()
    {
        using var editor = app.CreateStaffClient();
        await editor.SignInAsync("bientap");
        var title = $"Tin do biên tập viên viết {Guid.NewGuid():N}"[..48];
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Title", title), new("Input.Summary", "Tóm tắt."), new("Input.Author", "Bình Minh"), new("Input.Category", "hoat-dong"),
            new("Input.Body", "Đoạn một.\n\n<img src=x onerror=alert(1)><span style=\"color:red\">Đoạn hai</span>"),
        };

        using var preview = await PostWithHandlerAsync(editor, "/quan-tri/tin-tuc/them", fields, "Preview");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewed = await StaffClient.ParseAsync(preview);
        var render = previewed.QuerySelector("[data-preview]")!;
        Assert.Contains("Đoạn hai", render.TextContent, StringComparison.Ordinal);
        Assert.Empty(render.QuerySelectorAll("[style], [onerror], img"));
        Assert.Equal(0, await app.WithDbAsync(db => db.NewsArticles.CountAsync(a => a.Title == title)));

        using var saved = await editor.SubmitFormAsync("/quan-tri/tin-tuc/them", [.. fields], "/quan-tri/tin-tuc/them");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await app.WithDbAsync(db => db.NewsArticles.SingleAsync(a => a.Title == title));
        Assert.Equal(NewsStatus.Draft, article.Status);
        using var reader = app.CreateStaffClient();
        await reader.GetPageAsync($"/tin-tuc/{article.Slug}", HttpStatusCode.NotFound);

        using var published = await editor.SubmitFormAsync("/quan-tri/tin-tuc", [], $"/quan-tri/tin-tuc?handler=Publish&id={article.Id}");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(title, (await reader.GetPageAsync($"/tin-tuc/{article.Slug}")).QuerySelector("h1")!.TextContent);
        var logged = await app.WithDbAsync(db => db.AuditLog.Where(e => e.EntityType == nameof(NewsArticle) && e.EntityKey == article.Slug).OrderBy(e => e.Id).Select(e => e.UserName + " " + e.Action).ToListAsync());
        Assert.Equal(["bientap create", "bientap update"], logged);
    }

    /// <summary>The page's form filled and sent with one of its other buttons (formaction="…?handler=…").</summary>
    internal static async Task<HttpResponseMessage> PostWithHandlerAsync(StaffClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string handler)
    {
        var page = await client.GetPageAsync(pageUrl);
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.Http.PostAsync(new Uri(pageUrl + "?handler=" + handler, UriKind.Relative), content);
    }

    [Fact]
    public async Task An_officer_or_a_secretary_may_not_write_or_publish_news()
    {
        var draft = await NewsTestData.AddArticleAsync(app, NewsStatus.Draft);
        foreach (var user in new[] { "canbo.nganson", "thuky", "lanhdao" })
        {
            using var staff = app.CreateStaffClient();
            await staff.SignInAsync(user);
            using var list = await staff.Http.GetAsync(new Uri("/quan-tri/tin-tuc", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
            Assert.StartsWith("/khong-co-quyen", list.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
            var token = (await staff.GetPageAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
            using var publish = await staff.Http.PostAsync(new Uri($"/quan-tri/tin-tuc?handler=Publish&id={draft.Id}", UriKind.Relative), content);
            Assert.NotEqual(HttpStatusCode.OK, publish.StatusCode);
        }

        Assert.Equal(NewsStatus.Draft, await app.WithDbAsync(db => db.NewsArticles.Where(a => a.Id == draft.Id).Select(a => a.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_article_page_links_the_nearest_newer_and_older_news()
    {
        var t = NewsTestData.UniqueTime();
        var oldest = await NewsTestData.AddArticleAsync(app, publishedAt: t);
        var older = await NewsTestData.AddArticleAsync(app, publishedAt: t.AddMinutes(1));
        var middle = await NewsTestData.AddArticleAsync(app, publishedAt: t.AddMinutes(2));
        var draft = await NewsTestData.AddArticleAsync(app, NewsStatus.Draft, publishedAt: t.AddMinutes(3));
        var newer = await NewsTestData.AddArticleAsync(app, publishedAt: t.AddMinutes(4));

        using var reader = app.CreateStaffClient();
        var page = await reader.GetPageAsync($"/tin-tuc/{middle.Slug}");
        var newerLinks = page.QuerySelectorAll("[data-newer] a").Select(a => a.GetAttribute("href")).ToList();
        var olderLinks = page.QuerySelectorAll("[data-older] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal($"/tin-tuc/{newer.Slug}", newerLinks[0]);
        Assert.Equal([$"/tin-tuc/{older.Slug}", $"/tin-tuc/{oldest.Slug}"], olderLinks.Take(2));
        Assert.DoesNotContain($"/tin-tuc/{draft.Slug}", newerLinks);
        Assert.Contains("Những tin mới hơn", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Những tin cũ hơn", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_news_list_is_paged_newest_first_and_filters_by_section()
    {
        // Newer than everything else: these are the first page of their section.
        var t = new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(Random.Shared.Next(0, 100_000));
        var fire = new List<NewsArticle>();
        for (var i = 0; i < 12; i++)
        {
            fire.Add(await NewsTestData.AddArticleAsync(app, publishedAt: t.AddSeconds(i), category: "phong-chay"));
        }

        using var reader = app.CreateStaffClient();
        var first = await reader.GetPageAsync("/tin-tuc?chuyen-muc=phong-chay");
        var firstLinks = first.QuerySelectorAll(".news-list h2 a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(10, firstLinks.Count);
        Assert.Equal([.. fire.AsEnumerable().Reverse().Take(10).Select(a => $"/tin-tuc/{a.Slug}")], firstLinks);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href");
        Assert.Equal("/tin-tuc?chuyen-muc=phong-chay&trang=2", next);
        var second = await reader.GetPageAsync(next!);
        Assert.Equal($"/tin-tuc/{fire[1].Slug}", second.QuerySelectorAll(".news-list h2 a").Select(a => a.GetAttribute("href")).First());

        var all = await reader.GetPageAsync("/tin-tuc");
        var published = await app.WithDbAsync(db => db.NewsArticles.CountAsync(a => a.Status == NewsStatus.Published));
        Assert.Equal((published + 9) / 10, all.QuerySelectorAll(".pagination a:not([rel])").Length);
        var other = await reader.GetPageAsync("/tin-tuc?chuyen-muc=giao-thong");
        Assert.DoesNotContain(other.QuerySelectorAll(".news-list h2 a"), a => fire.Any(f => a.GetAttribute("href") == $"/tin-tuc/{f.Slug}"));
        Assert.Equal(firstLinks, (await reader.GetPageAsync("/tin-tuc?chuyen-muc=phong-chay&trang=abc")).QuerySelectorAll(".news-list h2 a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task The_RSS_feed_parses_and_lists_published_news_only()
    {
        var t = new DateTime(2099, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        var published = await NewsTestData.AddArticleAsync(app, publishedAt: t.AddSeconds(Random.Shared.Next(0, 80_000)));
        var draft = await NewsTestData.AddArticleAsync(app, NewsStatus.Draft);
        using var reader = app.CreateStaffClient();
        using var response = await reader.Http.GetAsync(new Uri("/tin-tuc/rss", UriKind.Relative));
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        using var xml = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(xml);

        var links = feed.Items.Select(i => i.Links[0].Uri.AbsolutePath).ToList();
        Assert.Contains($"/tin-tuc/{published.Slug}", links);
        Assert.DoesNotContain($"/tin-tuc/{draft.Slug}", links);
        Assert.Equal(published.Title, feed.Items.Single(i => i.Links[0].Uri.AbsolutePath == $"/tin-tuc/{published.Slug}").Title.Text);
        var slugs = await app.WithDbAsync(db => db.NewsArticles.Where(a => a.Status == NewsStatus.Published).Select(a => a.Slug).ToListAsync());
        Assert.All(links, l => Assert.Contains(l["/tin-tuc/".Length..], slugs));
        Assert.Contains("/tin-tuc/rss", (await reader.GetPageAsync("/tin-tuc")).QuerySelectorAll("link[rel=alternate][type='application/rss+xml']").Select(l => l.GetAttribute("href")));
    }

    [Fact]
    public async Task The_article_page_with_everything_it_loads_is_under_100_KB_compressed_on_first_visit()
    {
        using var reader = app.CreateStaffClient();
        const string url = "/tin-tuc/hieu-qua-tu-tiep-xuc-doi-thoai";
        var page = await reader.GetPageAsync(url);
        var resources = page.QuerySelectorAll("link[rel=stylesheet][href], link[rel=icon][href], script[src], img[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).Distinct().ToList();
        Assert.Contains(resources, r => r.Contains("bootstrap", StringComparison.Ordinal));

        var sizes = new Dictionary<string, long>();
        foreach (var path in resources.Prepend(url))
        {
            var bytes = await reader.Http.GetByteArrayAsync(new Uri(path, UriKind.Relative));
            using var compressed = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            sizes[path] = compressed.Length;
        }

        var total = sizes.Values.Sum();
        Assert.True(total < 100 * 1024, $"{total / 1024} KB compressed: " + string.Join(", ", sizes.Select(s => $"{s.Key} {s.Value / 1024} KB")));
    }

    [Fact]
    public async Task The_demo_has_the_source_article_with_its_author_date_and_text()
    {
        using var reader = app.CreateStaffClient();
        var page = await reader.GetPageAsync("/tin-tuc/hieu-qua-tu-tiep-xuc-doi-thoai");
        Assert.Equal("Hiệu quả từ tiếp xúc, đối thoại", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Bình Minh", page.QuerySelector(".news-author")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2022-06-22T07:27:00+07:00", page.QuerySelector(".news-meta time")!.GetAttribute("datetime"));
        Assert.Contains("xã Vân Tùng, huyện Ngân Sơn", page.QuerySelector(".news-body")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("[data-newer] a"));
        Assert.NotEmpty(page.QuerySelectorAll("[data-older] a"));
    }
}
