using CitizenVoice.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.News;

/// <summary>
/// A photo an editor uploaded for articles. Kept in the database, like feedback attachments and the logo (every copy of
/// the app serves it and it is backed up with the articles), and served publicly at /tin-tuc/anh/{id}: the address never
/// changes, so articles can link it and browsers may cache it for good.
/// </summary>
public sealed class NewsImage : IAudited
{
    public int Id { get; set; }

    /// <summary>The uploader's file name, cleaned; shown to editors only.</summary>
    public required string FileName { get; set; }

    /// <summary>What the bytes are (JPEG or PNG), as the upload check found them.</summary>
    public required string ContentType { get; set; }

    public required byte[] ImageBytes { get; set; }

    public int Length { get; set; }

    public DateTime UploadedAt { get; set; }

    public required string UploadedBy { get; set; }

    string IAudited.AuditKey => $"{Id} {FileName}";
}

internal sealed class NewsImageConfiguration : IEntityTypeConfiguration<NewsImage>
{
    public void Configure(EntityTypeBuilder<NewsImage> e)
    {
        e.ToTable("NewsImages");
        e.Property(i => i.FileName).HasMaxLength(120);
        e.Property(i => i.ContentType).HasMaxLength(40);
        e.Property(i => i.UploadedBy).HasMaxLength(256);
    }
}
