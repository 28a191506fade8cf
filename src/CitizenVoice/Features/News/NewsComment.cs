using CitizenVoice.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.News;

public enum CommentStatus
{
    Pending = 0,
    Published = 1,
    Rejected = 2,
}

/// <summary>
/// A reader's comment on an article (ý kiến bạn đọc). Held until a moderator publishes it; a rejected one is never
/// shown. The email, when given, lets the agency answer privately: it is encrypted and never shown or logged.
/// </summary>
public sealed class NewsComment : IAudited
{
    public int Id { get; set; }

    public int ArticleId { get; set; }

    public NewsArticle? Article { get; set; }

    /// <summary>The name the reader signs with, shown with the comment once published.</summary>
    public required string AuthorName { get; set; }

    /// <summary>The reader's email encrypted by <see cref="CommentEmailProtector"/>, or null.</summary>
    public string? EmailProtected { get; set; }

    public required string Text { get; set; }

    public CommentStatus Status { get; set; }

    public DateTime PostedAt { get; set; }

    public DateTime? ModeratedAt { get; set; }

    public string? ModeratedBy { get; set; }

    string IAudited.AuditKey => $"YK-{Id}";
}

internal sealed class NewsCommentConfiguration : IEntityTypeConfiguration<NewsComment>
{
    public void Configure(EntityTypeBuilder<NewsComment> e)
    {
        e.ToTable("NewsComments");
        e.Property(c => c.AuthorName).HasMaxLength(NewsLimits.CommentName);
        e.Property(c => c.EmailProtected).HasMaxLength(1000);
        e.Property(c => c.Text).HasMaxLength(NewsLimits.CommentText);
        e.Property(c => c.ModeratedBy).HasMaxLength(256);
        e.HasOne(c => c.Article).WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => new { c.ArticleId, c.Status });
        e.HasIndex(c => new { c.Status, c.PostedAt });
    }
}
