using System.Net;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.News;

/// <summary>Comments are limited per address by the hour: an app of its own with a limit of two.</summary>
public sealed class NewsCommentLimitTests(NewsCommentLimitTests.TwoCommentsApp app) : IClassFixture<NewsCommentLimitTests.TwoCommentsApp>
{
    public sealed class TwoCommentsApp : CitizenVoiceApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("News:CommentsPerHour", "2")];
    }

    [Fact]
    public async Task A_third_comment_from_one_address_within_the_hour_is_refused_but_ratings_and_other_readers_go_through()
    {
        var article = await NewsTestData.AddArticleAsync(app);
        using var reader = app.CreateStaffClient();
        for (var i = 0; i < 2; i++)
        {
            using var sent = await NewsReaderTests.CommentAsync(reader, article.Slug, "Bạn đọc", $"Ý kiến số {i + 1}");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        using var third = await NewsReaderTests.CommentAsync(reader, article.Slug, "Bạn đọc", "Ý kiến số 3");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("quá nhiều yêu cầu", (await StaffClient.ParseAsync(third)).QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        // Naming the handler twice (Razor Pages runs the first) does not slip the comment past the limit.
        var page = await reader.GetPageAsync($"/tin-tuc/{article.Slug}");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var disguised = await reader.Http.PostAsync(new Uri($"/tin-tuc/{article.Slug}?handler=Comment&handler=Rate", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Comment.Name", "Bạn đọc"), new("Comment.Text", "Ý kiến số 4")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, disguised.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.NewsComments.CountAsync(c => c.ArticleId == article.Id)));

        using var rating = await NewsReaderTests.RateAsync(reader, article.Slug, "5");
        Assert.Equal(HttpStatusCode.Redirect, rating.StatusCode);
        using var other = app.CreateStaffClient();
        using var otherComment = await NewsReaderTests.CommentAsync(other, article.Slug, "Người khác", "Ý kiến khác");
        Assert.Equal(HttpStatusCode.Redirect, otherComment.StatusCode);
    }
}
