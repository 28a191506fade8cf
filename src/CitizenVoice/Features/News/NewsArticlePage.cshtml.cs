using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using CitizenVoice.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.News;

/// <summary>
/// One article: its text, its rating (one per reader, no account), readers' published comments and the form to send one,
/// and links to the newer and older news. Everything works as plain forms; no script is needed.
/// </summary>
[EnableRateLimiting(NewsSetup.ReaderWrites)]
public sealed class NewsArticlePageModel(
    AppDb db, VisitorHasher hasher, CommentEmailProtector emails, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The reader's random identifier for ratings: only its keyed hash is stored.</summary>
    public const string VisitorCookie = "cv.reader";

    public const string RatingMessageKey = "cv.news.rating";
    public const string RatingRefusedKey = "cv.news.rating.refused";
    public const string CommentMessageKey = "cv.news.comment";

    public sealed class CommentInput
    {
        [Required(ErrorMessage = "Vui lòng nhập họ tên.")]
        [StringLength(NewsLimits.CommentName, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Họ tên")]
        public string? Name { get; set; }

        [StringLength(NewsLimits.CommentEmail, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [EmailAddress(ErrorMessage = "Địa chỉ email không hợp lệ.")]
        [Display(Name = "Email (không bắt buộc, không công khai)")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Vui lòng nhập ý kiến.")]
        [StringLength(NewsLimits.CommentText, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Ý kiến")]
        public string? Text { get; set; }
    }

    public sealed record PublishedComment(string AuthorName, string Text, DateTime PostedAt);

    public NewsArticle Article { get; private set; } = null!;

    public string BodyHtml { get; private set; } = "";

    public int RatingSum { get; private set; }

    public int RatingCount { get; private set; }

    public IReadOnlyList<PublishedComment> Comments { get; private set; } = [];

    public IReadOnlyList<ArticleLink> Newer { get; private set; } = [];

    public IReadOnlyList<ArticleLink> Older { get; private set; } = [];

    /// <summary>True when an editor opens a draft: they see it as readers will, without the reader forms.</summary>
    public bool IsDraft => Article.Status != NewsStatus.Published;

    [BindProperty]
    public CommentInput Comment { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct) =>
        await LoadAsync(slug, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRateAsync(string slug, string? stars, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct) || IsDraft)
        {
            return NotFound();
        }

        if (!int.TryParse(stars, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value is < 1 or > 5)
        {
            TempData[RatingRefusedKey] = l["Vui lòng chọn từ 1 đến 5 sao."].Value;
            return Redirect($"/tin-tuc/{slug}#danh-gia");
        }

        var visitor = Request.Cookies[VisitorCookie];
        if (visitor is not { Length: 22 } || !visitor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            visitor = Base64Url(RandomNumberGenerator.GetBytes(16));
            Response.Cookies.Append(VisitorCookie, visitor, new CookieOptions
            {
                HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365), Path = "/tin-tuc",
            });
        }

        var visitorHash = await hasher.HashAsync("cookie", Article.Id, visitor, ct);
        var addressHash = await hasher.HashAsync("address", Article.Id, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
        var id = Article.Id;
        if (await db.NewsRatings.AnyAsync(r => r.ArticleId == id && (r.VisitorHash == visitorHash || r.AddressHash == addressHash), ct))
        {
            TempData[RatingRefusedKey] = l["Bạn đã đánh giá bài viết này. Mỗi bạn đọc chỉ đánh giá một lần; đánh giá đầu tiên được giữ."].Value;
            return Redirect($"/tin-tuc/{slug}#danh-gia");
        }

        db.NewsRatings.Add(new NewsRating
        {
            ArticleId = id, Stars = value, VisitorHash = visitorHash, AddressHash = addressHash, RatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same reader's other request won the unique index a moment earlier.
            TempData[RatingRefusedKey] = l["Bạn đã đánh giá bài viết này. Mỗi bạn đọc chỉ đánh giá một lần; đánh giá đầu tiên được giữ."].Value;
            return Redirect($"/tin-tuc/{slug}#danh-gia");
        }

        TempData[RatingMessageKey] = l["Cảm ơn bạn đã đánh giá bài viết."].Value;
        return Redirect($"/tin-tuc/{slug}#danh-gia");
    }

    public async Task<IActionResult> OnPostCommentAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct) || IsDraft)
        {
            return NotFound();
        }

        var name = Comment.Name?.Trim();
        var text = Comment.Text?.Trim();
        if (ModelState.IsValid && (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(text)))
        {
            ModelState.AddModelError(string.IsNullOrEmpty(name) ? "Comment.Name" : "Comment.Text",
                string.IsNullOrEmpty(name) ? l["Vui lòng nhập họ tên."] : l["Vui lòng nhập ý kiến."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = string.IsNullOrWhiteSpace(Comment.Email) ? null : Comment.Email.Trim();
        db.NewsComments.Add(new NewsComment
        {
            ArticleId = Article.Id, AuthorName = name!, Text = text!, EmailProtected = email is null ? null : emails.Protect(email),
            Status = CommentStatus.Pending, PostedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        TempData[CommentMessageKey] = l["Ý kiến của bạn đang chờ duyệt."].Value;
        return Redirect($"/tin-tuc/{slug}#y-kien");
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        var article = NewsQueries.IsSlug(slug) ? await db.NewsArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct) : null;
        var editor = NewsSetup.EditorRoles.Any(User.IsInRole);
        if (article is null || (article.Status != NewsStatus.Published && !editor))
        {
            return false;
        }

        Article = article;
        BodyHtml = NewsMarkdown.ToHtml(article.Body);
        var ratings = await db.NewsRatings.Where(r => r.ArticleId == article.Id)
            .GroupBy(r => r.ArticleId).Select(g => new { Sum = g.Sum(r => r.Stars), Count = g.Count() }).SingleOrDefaultAsync(ct);
        (RatingSum, RatingCount) = (ratings?.Sum ?? 0, ratings?.Count ?? 0);
        Comments = await db.NewsComments.AsNoTracking().Where(c => c.ArticleId == article.Id && c.Status == CommentStatus.Published)
            .OrderBy(c => c.PostedAt).Select(c => new PublishedComment(c.AuthorName, c.Text, c.PostedAt)).ToListAsync(ct);
        if (!IsDraft)
        {
            (Newer, Older) = await NewsQueries.NeighboursAsync(db, article, ct);
        }

        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
