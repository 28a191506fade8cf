using System.Globalization;
using CitizenVoice.Data;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.News;

/// <summary>An article as lists show it: the newer/older links, the public list, the staff list.</summary>
public sealed record ArticleLink(int Id, string Slug, string Title, string Summary, string Category, DateTime? PublishedAt);

public static class NewsQueries
{
    /// <summary>How many newer and older articles the article page links.</summary>
    public const int Neighbours = 4;

    public static IQueryable<NewsArticle> Published(AppDb db) =>
        db.NewsArticles.AsNoTracking().Where(a => a.Status == NewsStatus.Published && a.PublishedAt != null);

    public static IQueryable<ArticleLink> Links(IQueryable<NewsArticle> articles) =>
        articles.Select(a => new ArticleLink(a.Id, a.Slug, a.Title, a.Summary, a.Category, a.PublishedAt));

    /// <summary>The published articles just after and just before <paramref name="article"/>, nearest first; articles
    /// published at the same moment are told apart by their id, so none is skipped or shown on both sides.</summary>
    public static async Task<(List<ArticleLink> Newer, List<ArticleLink> Older)> NeighboursAsync(AppDb db, NewsArticle article, CancellationToken ct)
    {
        var at = article.PublishedAt ?? DateTime.MaxValue;
        var id = article.Id;
        var newer = await Links(Published(db).Where(a => a.PublishedAt > at || (a.PublishedAt == at && a.Id > id))
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id).Take(Neighbours)).ToListAsync(ct);
        var older = await Links(Published(db).Where(a => a.PublishedAt < at || (a.PublishedAt == at && a.Id < id))
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Take(Neighbours)).ToListAsync(ct);
        return (newer, older);
    }

    /// <summary>The time an article went out, in Vietnam, the way the agency's site writes it ("Thứ Tư, 22/06/2022 07:27").</summary>
    public static string PublishedText(DateTime utc) =>
        VietnamTime.Local(utc).ToString("dddd, dd/MM/yyyy HH:mm", CultureInfo.CurrentCulture);

    /// <summary>The machine-readable time for &lt;time datetime&gt;, with Vietnam's offset.</summary>
    public static string MachineTime(DateTime utc) => VietnamTime.MachineTime(utc);

    /// <summary>An address from a title: "Hiệu quả từ tiếp xúc, đối thoại" → "hieu-qua-tu-tiep-xuc-doi-thoai".</summary>
    public static string Slugify(string text)
    {
        var folded = TextFolding.Fold(text).ToLowerInvariant();
        var slug = new System.Text.StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length > 120 ? result[..120].TrimEnd('-') : result;
    }

    public static bool IsSlug(string? slug) =>
        slug is { Length: > 0 and <= NewsLimits.Slug } && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-') && slug is not ("rss" or "anh");

    /// <summary>
    /// Reads an uploaded photo for articles with the feedback attachments' check (the first bytes decide, not the name
    /// or the browser's type), and takes only JPEG and PNG: a PDF cannot be shown in an article.
    /// </summary>
    public static async Task<(NewsImage? Image, string? Error)> ReadImageAsync(IFormFile? file, string uploadedBy, DateTime now, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            return (null, l["Vui lòng chọn ảnh để tải lên."]);
        }

        var name = Path.GetFileName(file.FileName);
        if (file.Length > AttachmentCheck.MaxBytes)
        {
            return (null, l["Tệp {0} rỗng hoặc lớn hơn {1} MB.", name, AttachmentCheck.MaxBytes / 1024 / 1024]);
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (AttachmentCheck.Detect(bytes) is not ("image/jpeg" or "image/png") || bytes.Length < 16)
        {
            return (null, l["Tệp {0} không phải ảnh JPEG hay PNG.", name]);
        }

        var type = AttachmentCheck.Detect(bytes)!;
        return (new NewsImage
        {
            FileName = AttachmentCheck.CleanName(file.FileName, type), ContentType = type, ImageBytes = bytes, Length = bytes.Length,
            UploadedAt = now, UploadedBy = uploadedBy,
        }, null);
    }
}
