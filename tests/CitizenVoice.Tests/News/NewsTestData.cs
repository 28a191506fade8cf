using CitizenVoice.Features.News;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.News;

internal static class NewsTestData
{
    /// <summary>An article of the test's own, with a slug nobody else uses.</summary>
    public static async Task<NewsArticle> AddArticleAsync(
        CitizenVoiceApp app, NewsStatus status = NewsStatus.Published, DateTime? publishedAt = null, string category = "hoat-dong",
        string? title = null, string body = "Nội dung bài viết để kiểm tra.")
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var article = new NewsArticle
        {
            Title = title ?? $"Tin kiểm tra {id}", Slug = $"tin-kiem-tra-{id}", Summary = $"Tóm tắt tin kiểm tra {id}.", Body = body,
            Author = "Phóng viên", Category = category, Status = status,
            PublishedAt = status == NewsStatus.Published ? publishedAt ?? DateTime.UtcNow : publishedAt,
            CreatedAt = DateTime.UtcNow, CreatedBy = "test", UpdatedAt = DateTime.UtcNow, UpdatedBy = "test",
        };
        await app.WithDbAsync(async db =>
        {
            db.NewsArticles.Add(article);
            await db.SaveChangesAsync();
        });
        return article;
    }

    /// <summary>A moment far from the demo's and from other tests' articles, so its neighbours are the test's own (and before year 9999, the last a DateTime holds).</summary>
    public static DateTime UniqueTime() =>
        new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(Random.Shared.Next(0, 2_500_000)).AddMinutes(Random.Shared.Next(0, 1440));
}
