using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CitizenVoice.Features.News;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.News;

/// <summary>What readers do on an article without an account: rate it once, comment (after moderation).</summary>
[Collection(AppCollection.Name)]
public sealed class NewsReaderTests(CitizenVoiceApp app)
{
    internal static async Task<HttpResponseMessage> RateAsync(StaffClient reader, string slug, string stars) =>
        await reader.SubmitFormAsync($"/tin-tuc/{slug}", [new("stars", stars)], "handler=Rate");

    internal static async Task<HttpResponseMessage> CommentAsync(StaffClient reader, string slug, string name, string text, string email = "") =>
        await reader.SubmitFormAsync($"/tin-tuc/{slug}", [new("Comment.Name", name), new("Comment.Email", email), new("Comment.Text", text)], "handler=Comment");

    private static async Task<string> FollowAsync(StaffClient reader, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (await reader.GetPageAsync(response.Headers.Location!.OriginalString.Split('#')[0])).QuerySelector("main")!.TextContent;
    }

    [Fact]
    public async Task A_reader_rates_once_the_same_cookie_or_the_same_address_is_refused_and_another_address_counts()
    {
        var article = await NewsTestData.AddArticleAsync(app);
        var address = CitizenVoiceApp.NewClientAddress();
        using var reader = app.CreateStaffClient(address);

        var thanked = await FollowAsync(reader, await RateAsync(reader, article.Slug, "4"));
        Assert.Contains("Cảm ơn bạn đã đánh giá bài viết.", thanked, StringComparison.Ordinal);
        Assert.Contains("Tổng số điểm của bài viết là: 4 trong 1 đánh giá", thanked, StringComparison.Ordinal);

        var again = await FollowAsync(reader, await RateAsync(reader, article.Slug, "1"));
        Assert.Contains("Bạn đã đánh giá bài viết này.", again, StringComparison.Ordinal);
        Assert.Contains("Tổng số điểm của bài viết là: 4 trong 1 đánh giá", again, StringComparison.Ordinal);

        // Cookies cleared (a new browser) on the same connection.
        using var sameAddress = app.CreateStaffClient(address);
        var refused = await FollowAsync(sameAddress, await RateAsync(sameAddress, article.Slug, "5"));
        Assert.Contains("Bạn đã đánh giá bài viết này.", refused, StringComparison.Ordinal);

        using var neighbour = app.CreateStaffClient();
        var counted = await FollowAsync(neighbour, await RateAsync(neighbour, article.Slug, "5"));
        Assert.Contains("Tổng số điểm của bài viết là: 9 trong 2 đánh giá", counted, StringComparison.Ordinal);

        // Nothing personal is stored: neither the address nor the cookie, only keyed hashes.
        var rows = await app.WithDbAsync(db => db.NewsRatings.Where(r => r.ArticleId == article.Id).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Matches("^[0-9A-F]{64}$", r.AddressHash));
        Assert.DoesNotContain(rows, r => r.AddressHash.Contains(address, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("ba")]
    [InlineData("")]
    public async Task A_rating_outside_one_to_five_stars_is_refused_with_a_message_and_not_counted(string stars)
    {
        var article = await NewsTestData.AddArticleAsync(app);
        using var reader = app.CreateStaffClient();
        var page = await FollowAsync(reader, await RateAsync(reader, article.Slug, stars));
        Assert.Contains("Vui lòng chọn từ 1 đến 5 sao.", page, StringComparison.Ordinal);
        Assert.Contains("Tổng số điểm của bài viết là: 0 trong 0 đánh giá", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rating_form_is_radio_buttons_with_a_label_each_inside_a_named_group()
    {
        var article = await NewsTestData.AddArticleAsync(app);
        using var reader = app.CreateStaffClient();
        var page = await reader.GetPageAsync($"/tin-tuc/{article.Slug}");
        var radios = page.QuerySelectorAll("fieldset.stars input[type=radio][name=stars]");
        Assert.Equal(["1", "2", "3", "4", "5"], radios.Select(r => r.GetAttribute("value")));
        Assert.All(radios, r => Assert.Contains("sao", page.QuerySelector($"label[for='{r.Id}']")!.TextContent, StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("fieldset.stars legend"));
    }

    [Fact]
    public async Task A_comment_waits_for_moderation_is_shown_escaped_once_published_and_a_rejected_one_never_shows()
    {
        var article = await NewsTestData.AddArticleAsync(app);
        using var reader = app.CreateStaffClient();
        var hostile = "Cảm ơn bài viết <script>alert('x')</script><b>hay</b>";
        var waiting = await FollowAsync(reader, await CommentAsync(reader, article.Slug, "Nguyễn Văn An", hostile, "an.nguyen@example.com"));
        Assert.Contains("Ý kiến của bạn đang chờ duyệt", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("Cảm ơn bài viết", (await reader.GetPageAsync($"/tin-tuc/{article.Slug}")).QuerySelector("#y-kien")!.TextContent, StringComparison.Ordinal);
        await CommentAsync(reader, article.Slug, "Kẻ quảng cáo", "Mua hàng giá rẻ tại đây");

        var stored = await app.WithDbAsync(db => db.NewsComments.Where(c => c.ArticleId == article.Id).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.DoesNotContain("an.nguyen", stored[0].EmailProtected!, StringComparison.Ordinal);

        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        var queue = await secretary.GetPageAsync("/quan-tri/tin-tuc/y-kien");
        Assert.Contains("an.nguyen@example.com", queue.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var token = queue.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var publish = await secretary.Http.PostAsync(new Uri($"/quan-tri/tin-tuc/y-kien?handler=Publish&id={stored[0].Id}", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        using var reject = await secretary.Http.PostAsync(new Uri($"/quan-tri/tin-tuc/y-kien?handler=Reject&id={stored[1].Id}", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, reject.StatusCode);

        var page = await reader.GetPageAsync($"/tin-tuc/{article.Slug}");
        var comments = page.QuerySelector(".news-comments")!;
        Assert.Contains(hostile, comments.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn An", comments.TextContent, StringComparison.Ordinal);
        Assert.Empty(comments.QuerySelectorAll("script, b"));
        Assert.DoesNotContain("Mua hàng", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("an.nguyen", page.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal([CommentStatus.Published, CommentStatus.Rejected],
            await app.WithDbAsync(db => db.NewsComments.Where(c => c.ArticleId == article.Id).OrderBy(c => c.Id).Select(c => c.Status).ToListAsync()));
    }

    [Fact]
    public async Task A_comment_without_a_name_or_text_or_too_long_shows_the_form_again_with_a_message_and_nothing_is_stored()
    {
        var article = await NewsTestData.AddArticleAsync(app);
        using var reader = app.CreateStaffClient();
        using var empty = await CommentAsync(reader, article.Slug, "   ", "");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var text = (await StaffClient.ParseAsync(empty)).QuerySelector("main")!.TextContent;
        Assert.Contains("Vui lòng nhập họ tên.", text, StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập ý kiến.", text, StringComparison.Ordinal);
        using var longer = await CommentAsync(reader, article.Slug, "An", new string('a', NewsLimits.CommentText + 1), "khong-phai-email");
        Assert.Equal(HttpStatusCode.OK, longer.StatusCode);
        Assert.Contains("Địa chỉ email không hợp lệ.", (await StaffClient.ParseAsync(longer)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.NewsComments.CountAsync(c => c.ArticleId == article.Id)));
    }

    [Fact]
    public async Task Only_moderators_editors_and_administrators_open_the_comment_queue()
    {
        foreach (var (user, allowed) in new[] { ("thuky", true), ("bientap", true), ("admin", true), ("canbo.nganson", false), ("khaosat", false) })
        {
            using var staff = app.CreateStaffClient();
            await staff.SignInAsync(user);
            using var response = await staff.Http.GetAsync(new Uri("/quan-tri/tin-tuc/y-kien", UriKind.Relative));
            Assert.True(allowed == (response.StatusCode == HttpStatusCode.OK), $"{user}: {(int)response.StatusCode}");
        }
    }

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 1, 2, 3, 4];

    private static async Task<HttpResponseMessage> UploadAsync(StaffClient editor, string name, byte[] bytes, string type)
    {
        var page = await editor.GetPageAsync("/quan-tri/tin-tuc/them");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Tin đang viết"), "Input.Title" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "Image", name);
        return await editor.Http.PostAsync(new Uri("/quan-tri/tin-tuc/them?handler=Upload", UriKind.Relative), form);
    }

    [Fact]
    public async Task An_uploaded_photo_is_served_to_everyone_at_a_stable_address_with_caching_and_the_editor_gets_its_Markdown()
    {
        using var editor = app.CreateStaffClient();
        await editor.SignInAsync("bientap");
        using var uploaded = await UploadAsync(editor, "ảnh hội nghị.png", Png, "image/png");
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var page = await StaffClient.ParseAsync(uploaded);
        var snippet = page.QuerySelector("[data-snippet]")!.TextContent;
        Assert.Matches(@"^!\[Mô tả ảnh\]\(/tin-tuc/anh/\d+\)$", snippet);
        Assert.Equal("Tin đang viết", page.QuerySelector("#Input_Title")!.GetAttribute("value"));

        using var reader = app.CreateStaffClient();
        var path = snippet[(snippet.IndexOf('(', StringComparison.Ordinal) + 1)..^1];
        using var image = await reader.Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await image.Content.ReadAsByteArrayAsync());
        Assert.True(image.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromDays(365), image.Headers.CacheControl?.MaxAge);
    }

    [Theory]
    [InlineData("anh.png", "<html><body onload=alert(1)>trang web</body></html>", "image/png")]
    [InlineData("anh.jpg", "MZ\u0090\0\u0003\0\0\0 this program cannot be run in DOS mode", "image/jpeg")]
    [InlineData("tai-lieu.png", "%PDF-1.7 tài liệu", "image/png")]
    public async Task A_renamed_program_web_page_or_document_is_refused_as_a_photo_and_nothing_is_stored(string name, string content, string type)
    {
        using var editor = app.CreateStaffClient();
        await editor.SignInAsync("bientap");
        var before = await app.WithDbAsync(db => db.NewsImages.CountAsync());
        using var refused = await UploadAsync(editor, name, Encoding.Latin1.GetBytes(content), type);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("không phải ảnh JPEG hay PNG", (await StaffClient.ParseAsync(refused)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.NewsImages.CountAsync()));
    }
}
