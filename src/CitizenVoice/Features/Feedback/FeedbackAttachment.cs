using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Feedback;

/// <summary>
/// A photo or document sent with feedback. Kept in the database (every copy of the app serves it, and it is backed up
/// with the item), never under the web root, and served only to staff whose units may see the item.
/// </summary>
public sealed class FeedbackAttachment
{
    public int Id { get; set; }

    public int FeedbackItemId { get; set; }

    /// <summary>The sender's file name, cleaned for showing and for the download's name.</summary>
    public required string FileName { get; set; }

    /// <summary>What the bytes are, as <see cref="AttachmentCheck"/> found them, not what the browser said.</summary>
    public required string ContentType { get; set; }

    public required byte[] Content { get; set; }

    public int Length { get; set; }
}

internal sealed class FeedbackAttachmentConfiguration : IEntityTypeConfiguration<FeedbackAttachment>
{
    public void Configure(EntityTypeBuilder<FeedbackAttachment> e)
    {
        e.ToTable("FeedbackAttachments");
        e.Property(a => a.FileName).HasMaxLength(120);
        e.Property(a => a.ContentType).HasMaxLength(40);
        e.HasOne<FeedbackItem>().WithMany(f => f.Attachments).HasForeignKey(a => a.FeedbackItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => a.FeedbackItemId);
    }
}

/// <summary>
/// Which files feedback accepts, judged by their first bytes: a renamed program or web page is refused whatever its
/// name or the browser's content type says. JPEG and PNG photos and PDF documents are what citizens send.
/// </summary>
public static class AttachmentCheck
{
    public const int MaxFiles = 3;
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The content type the bytes show, or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : head.StartsWith("%PDF-"u8) ? "application/pdf"
        : null;

    /// <summary>A name safe to show and to offer as a download: no path, no control characters, with the right ending.</summary>
    public static string CleanName(string? name, string contentType)
    {
        var baseName = Path.GetFileNameWithoutExtension(Path.GetFileName((name ?? "").Replace('\\', '/')));
        var clean = new string([.. baseName.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\' or ':' or '<' or '>' or '|' or '*' or '?'))]).Trim();
        if (clean.Length == 0)
        {
            clean = "tep";
        }

        var extension = contentType switch { "image/jpeg" => ".jpg", "image/png" => ".png", _ => ".pdf" };
        return (clean.Length > 100 ? clean[..100] : clean) + extension;
    }

    /// <summary>Reads the uploaded files into attachments, or says in the user's language why they cannot be taken.</summary>
    public static async Task<(List<FeedbackAttachment> Attachments, string? Error)> ReadAsync(
        IReadOnlyList<IFormFile> files, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var sent = files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (sent.Count > MaxFiles)
        {
            return ([], l["Gửi tối đa {0} tệp đính kèm.", MaxFiles]);
        }

        var attachments = new List<FeedbackAttachment>();
        foreach (var file in sent)
        {
            if (file.Length == 0 || file.Length > MaxBytes)
            {
                return ([], l["Tệp {0} rỗng hoặc lớn hơn {1} MB.", AttachmentCheck.CleanName(file.FileName, "application/pdf"), MaxBytes / 1024 / 1024]);
            }

            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var bytes = buffer.ToArray();
            var type = Detect(bytes);
            if (type is null)
            {
                return ([], l["Tệp {0} không phải ảnh JPEG, PNG hay tài liệu PDF.", Path.GetFileName(file.FileName)]);
            }

            attachments.Add(new FeedbackAttachment { FileName = CleanName(file.FileName, type), ContentType = type, Content = bytes, Length = bytes.Length });
        }

        return (attachments, null);
    }
}
