using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.News;

/// <summary>
/// One reader's stars for one article. Nothing that names the reader is kept: the visitor is known by a random cookie
/// and by the client address, and both are stored only as keyed hashes (<see cref="VisitorHasher"/>), so the table
/// cannot be turned back into addresses, nor joined with logs, by whoever holds a copy of the database. Each hash is
/// unique per article: the database itself refuses a second rating, even from two requests at the same moment.
/// </summary>
public sealed class NewsRating
{
    public long Id { get; set; }

    public int ArticleId { get; set; }

    /// <summary>1 to 5.</summary>
    public int Stars { get; set; }

    /// <summary>HMAC of the visitor cookie's random value.</summary>
    public required string VisitorHash { get; set; }

    /// <summary>HMAC of the client address (with the article, so hashes do not link one reader's ratings across articles).</summary>
    public required string AddressHash { get; set; }

    public DateTime RatedAt { get; set; }
}

internal sealed class NewsRatingConfiguration : IEntityTypeConfiguration<NewsRating>
{
    public void Configure(EntityTypeBuilder<NewsRating> e)
    {
        e.ToTable("NewsRatings");
        e.Property(r => r.VisitorHash).HasMaxLength(64);
        e.Property(r => r.AddressHash).HasMaxLength(64);
        e.HasOne<NewsArticle>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.ArticleId, r.VisitorHash }).IsUnique();
        e.HasIndex(r => new { r.ArticleId, r.AddressHash }).IsUnique();
    }
}
