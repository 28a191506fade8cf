using CitizenVoice.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.News;

public enum NewsStatus
{
    Draft = 0,
    Published = 1,
}

/// <summary>
/// A news article of the agency (tin tức): written by editors in Markdown, shown to citizens only once published.
/// The body is kept as the editor wrote it; it becomes HTML only when shown, through <see cref="NewsMarkdown"/>.
/// </summary>
public sealed class NewsArticle : IAudited
{
    public int Id { get; set; }

    public required string Title { get; set; }

    /// <summary>The article's address under /tin-tuc/: lowercase letters without diacritics, digits and dashes.</summary>
    public required string Slug { get; set; }

    /// <summary>The lead paragraph, shown in the list, in the feed and above the body.</summary>
    public required string Summary { get; set; }

    /// <summary>The body in Markdown.</summary>
    public required string Body { get; set; }

    /// <summary>The byline as the article gives it ("Bình Minh"): often a pen name, never an account.</summary>
    public required string Author { get; set; }

    /// <summary>One of <see cref="NewsCategories.All"/>, by code.</summary>
    public required string Category { get; set; }

    public NewsStatus Status { get; set; }

    /// <summary>When it was (or is shown as) published, UTC; set on first publication, kept when unpublished and published again.</summary>
    public DateTime? PublishedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    string IAudited.AuditKey => Slug;
}

internal sealed class NewsArticleConfiguration : IEntityTypeConfiguration<NewsArticle>
{
    public void Configure(EntityTypeBuilder<NewsArticle> e)
    {
        e.ToTable("NewsArticles");
        e.Property(a => a.Title).HasMaxLength(NewsLimits.Title);
        e.Property(a => a.Slug).HasMaxLength(NewsLimits.Slug);
        e.Property(a => a.Summary).HasMaxLength(NewsLimits.Summary);
        e.Property(a => a.Body).HasMaxLength(NewsLimits.Body);
        e.Property(a => a.Author).HasMaxLength(NewsLimits.Author);
        e.Property(a => a.Category).HasMaxLength(40);
        e.Property(a => a.CreatedBy).HasMaxLength(256);
        e.Property(a => a.UpdatedBy).HasMaxLength(256);
        e.HasIndex(a => a.Slug).IsUnique();
        // The public list, the newer/older links and the feed all read published articles by time.
        e.HasIndex(a => new { a.Status, a.PublishedAt });
    }
}

public static class NewsLimits
{
    public const int Title = 300;
    public const int Slug = 200;
    public const int Summary = 1000;
    public const int Body = 100_000;
    public const int Author = 120;
    public const int CommentName = 100;
    public const int CommentEmail = 200;
    public const int CommentText = 2000;
}

/// <summary>The sections news is filed under, as the agency's site names them.</summary>
public static class NewsCategories
{
    public sealed record Category(string Code, string Name);

    public static readonly Category[] All =
    [
        new("hoat-dong", "Hoạt động của lực lượng"),
        new("cai-cach-hanh-chinh", "Cải cách hành chính"),
        new("an-ninh-trat-tu", "An ninh, trật tự"),
        new("giao-thong", "An toàn giao thông"),
        new("phong-chay", "Phòng cháy, chữa cháy"),
        new("canh-bao", "Cảnh báo, khuyến cáo"),
    ];

    public static string NameOf(string code) => All.FirstOrDefault(c => c.Code == code)?.Name ?? code;

    public static bool Exists(string? code) => All.Any(c => c.Code == code);
}
