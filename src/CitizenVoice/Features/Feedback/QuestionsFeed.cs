using CitizenVoice.Data;
using CitizenVoice.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Feedback;

/// <summary>The RSS feed of the "Hỏi đáp" page: the latest published questions with the start of their answers.</summary>
public static class QuestionsFeed
{
    public const string Path = "/phan-anh-kien-nghi/hoi-dap/rss";
    public const string Title = "Hỏi đáp – trả lời góp ý, phản ánh, kiến nghị";

    public static IEndpointRouteBuilder MapQuestionsFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (Infrastructure.SiteAddress site, AppDb db, CancellationToken ct) =>
        {
            var latest = await db.QuestionAnswers.AsNoTracking()
                .Where(q => q.Status == QuestionAnswerStatus.Published)
                .OrderByDescending(q => q.PublishedAt).ThenByDescending(q => q.Id).Take(30)
                .Select(q => new { q.Id, q.Title, q.Answer, q.PublishedAt, Unit = q.Unit!.Name })
                .ToListAsync(ct);
            return FeedResults.Rss(site, Title, "Câu hỏi của người dân và câu trả lời của cơ quan Công an.", "/phan-anh-kien-nghi/hoi-dap",
                latest.Select(q => new FeedEntry(
                    $"hoi-dap-{q.Id}", q.Title, q.Unit + ": " + (q.Answer.Length <= 500 ? q.Answer : q.Answer[..500] + "…"), $"/phan-anh-kien-nghi/hoi-dap/{q.Id}",
                    new DateTimeOffset(DateTime.SpecifyKind(q.PublishedAt!.Value, DateTimeKind.Utc)))));
        }).AllowAnonymous().RequireRateLimiting(Infrastructure.RateLimits.ApiRead).ExcludeFromDescription();
        return app;
    }
}
