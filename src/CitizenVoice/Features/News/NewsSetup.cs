using System.Threading.RateLimiting;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Shared;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CitizenVoice.Features.News;

/// <summary>The news portal (tin tức): articles written by editors, rated and commented on by readers.</summary>
public static class NewsSetup
{
    /// <summary>Who writes and publishes news: editors, and administrators who stand in for them.</summary>
    public static readonly string[] EditorRoles = [Roles.Editor, Roles.Administrator];

    public const string EditorRoleList = $"{Roles.Editor},{Roles.Administrator}";

    /// <summary>Who publishes or rejects readers' comments: the secretaries who moderate dialogues, editors, administrators.</summary>
    public const string CommentModeratorRoleList = $"{Roles.Moderator},{Roles.Editor},{Roles.Administrator}";

    public static readonly string[] CommentModeratorRoles = [Roles.Moderator, Roles.Editor, Roles.Administrator];

    /// <summary>The article page's posts: ratings as other public writes, comments by the hour.</summary>
    public const string ReaderWrites = "news-reader-writes";

    public const string ArticleImagePath = "/tin-tuc/anh/";

    public static IHostApplicationBuilder AddNews(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NewsOptions>().BindConfiguration(NewsOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.VisitorKey) || IsKey(o.VisitorKey), "News:VisitorKey must be base64 of at least 32 bytes.")
            .Validate(o => o.CommentsPerHour > 0 && o.PageSize is > 0 and <= 100, "News:CommentsPerHour must be positive and News:PageSize between 1 and 100.")
            .ValidateOnStart();
        builder.Services.AddSingleton<VisitorHasher>();
        builder.Services.AddSingleton<CommentEmailProtector>();
        builder.Services.AddScoped<ISeeder, NewsSeed>();

        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        var news = builder.Configuration.GetSection(NewsOptions.Section).Get<NewsOptions>() ?? new();
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(ReaderWrites, http =>
        {
            if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("reads");
            }

            // A comment costs a moderator's time: a few an hour from one address is what a reader writes. The first
            // "handler" of the query is the one Razor Pages runs, so a repeated one cannot pass a comment off as a rating.
            var handler = http.Request.Query["handler"];
            return handler.Count > 0 && string.Equals(handler[0], "Comment", StringComparison.OrdinalIgnoreCase)
                ? RateLimits.PerClient(http, "news-comment", news.CommentsPerHour, TimeSpan.FromHours(1))
                : RateLimits.PerClient(http, ReaderWrites, limits.PublicWritesPerMinute);
        }));

        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions
            .AddPageRoute("/News/NewsEdit", "/quan-tri/tin-tuc/{id:int}/sua")
            .AllowAnonymousToPage("/News/NewsList").AllowAnonymousToPage("/News/NewsArticlePage"));
        builder.Services.AddSingleton(new PublicArea(40, "Tin tức", "Tin hoạt động của lực lượng Công an tỉnh, cải cách hành chính, cảnh báo và khuyến cáo.", "/tin-tuc"));
        builder.Services.AddSingleton(new PublicFeed(40, "Tin tức", "/tin-tuc/rss"));
        builder.Services.AddSingleton(new StaffArea(50, "Tin tức", "Viết, xem trước, đăng và gỡ tin; ảnh cho bài viết.", "/quan-tri/tin-tuc", EditorRoles));
        builder.Services.AddSingleton(new StaffArea(51, "Ý kiến bạn đọc", "Duyệt ý kiến bạn đọc gửi về các bài viết trước khi đăng.", "/quan-tri/tin-tuc/y-kien", CommentModeratorRoles));
        return builder;
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var length) && length >= 32;
    }

    public static IEndpointRouteBuilder MapNews(this IEndpointRouteBuilder app)
    {
        app.MapGet("/tin-tuc/rss", FeedAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(ArticleImagePath + "{id:int}", ImageAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> FeedAsync(Infrastructure.SiteAddress site, AppDb db, CancellationToken ct)
    {
        var articles = await db.NewsArticles.AsNoTracking().Where(a => a.Status == NewsStatus.Published && a.PublishedAt != null)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(30)
            .Select(a => new { a.Slug, a.Title, a.Summary, a.PublishedAt }).ToListAsync(ct);
        return FeedResults.Rss(site, "Tin tức", "Tin tức của lực lượng Công an tỉnh.", "/tin-tuc",
            articles.Select(a => new FeedEntry("/tin-tuc/" + a.Slug, a.Title, a.Summary, "/tin-tuc/" + a.Slug,
                new DateTimeOffset(DateTime.SpecifyKind(a.PublishedAt!.Value, DateTimeKind.Utc)))));
    }

    /// <summary>
    /// An uploaded photo. An id always names the same bytes (images are never replaced), so browsers and proxies may
    /// keep it for a year; the type is the one the bytes showed at upload, and nosniff (sent on every answer) stops a
    /// browser guessing another.
    /// </summary>
    private static async Task<IResult> ImageAsync(int id, HttpContext http, AppDb db, CancellationToken ct)
    {
        var image = await db.NewsImages.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.ContentType, i.ImageBytes }).FirstOrDefaultAsync(ct);
        if (image is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
        return Results.Bytes(image.ImageBytes, image.ContentType, entityTag: new EntityTagHeaderValue($"\"news-image-{id}\""));
    }
}
