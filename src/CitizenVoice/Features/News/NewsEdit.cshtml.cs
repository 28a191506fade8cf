using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.News;

/// <summary>
/// Writing an article: the form, a preview of the body exactly as readers will see it (after sanitising), and photo
/// uploads whose Markdown the editor pastes into the body. One form does all three, so nothing typed is lost when the
/// editor previews or uploads before saving.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = NewsSetup.EditorRoleList)]
// One photo with the article around it; a bigger body is refused before it is read.
[RequestSizeLimit(AttachmentCheck.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentCheck.MaxBytes + 1024 * 1024, ValueLengthLimit = NewsLimits.Body * 4)]
public sealed class NewsEditModel(AppDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ArticleInput
    {
        [Required(ErrorMessage = "Vui lòng nhập tiêu đề.")]
        [StringLength(NewsLimits.Title, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Tiêu đề")]
        public string? Title { get; set; }

        [StringLength(NewsLimits.Slug, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Địa chỉ bài viết (để trống để tạo từ tiêu đề)")]
        public string? Slug { get; set; }

        [Required(ErrorMessage = "Vui lòng nhập tóm tắt.")]
        [StringLength(NewsLimits.Summary, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Tóm tắt")]
        public string? Summary { get; set; }

        [Required(ErrorMessage = "Vui lòng nhập nội dung.")]
        [StringLength(NewsLimits.Body, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Nội dung (Markdown)")]
        public string? Body { get; set; }

        [Required(ErrorMessage = "Vui lòng nhập tác giả.")]
        [StringLength(NewsLimits.Author, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Tác giả")]
        public string? Author { get; set; }

        [Required(ErrorMessage = "Vui lòng chọn chuyên mục.")]
        [Display(Name = "Chuyên mục")]
        public string? Category { get; set; }

        /// <summary>Vietnam time; empty means "when it is published".</summary>
        [Display(Name = "Thời gian đăng (để trống: lúc đăng)")]
        public DateTime? PublishedAt { get; set; }
    }

    public sealed record ImageRow(int Id, string FileName, int Length);

    public int? Id { get; private set; }

    public NewsStatus? Status { get; private set; }

    public string? CurrentSlug { get; private set; }

    [BindProperty]
    public ArticleInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Image { get; set; }

    /// <summary>The body rendered and sanitised, after "Xem trước".</summary>
    public string? PreviewHtml { get; private set; }

    /// <summary>The Markdown of the photo just uploaded, to paste into the body.</summary>
    public string? UploadedSnippet { get; private set; }

    public IReadOnlyList<ImageRow> Images { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null)
        {
            var a = await db.NewsArticles.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null)
            {
                return NotFound();
            }

            (Status, CurrentSlug) = (a.Status, a.Slug);
            Input = new ArticleInput
            {
                Title = a.Title, Slug = a.Slug, Summary = a.Summary, Body = a.Body, Author = a.Author, Category = a.Category,
                PublishedAt = a.PublishedAt is { } p ? VietnamTime.Local(p) : null,
            };
        }

        await LoadImagesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int? id, CancellationToken ct)
    {
        if (!await LoadArticleStateAsync(id, ct))
        {
            return NotFound();
        }

        // A preview shows what would be published; the form's own checks wait for "Lưu".
        ModelState.Clear();
        PreviewHtml = NewsMarkdown.ToHtml(Input.Body);
        await LoadImagesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(int? id, CancellationToken ct)
    {
        if (!await LoadArticleStateAsync(id, ct))
        {
            return NotFound();
        }

        ModelState.Clear();
        var (image, error) = await NewsQueries.ReadImageAsync(Image, User.Identity?.Name ?? "?", clock.GetUtcNow().UtcDateTime, l, ct);
        if (image is null)
        {
            ModelState.AddModelError(nameof(Image), error!);
        }
        else
        {
            db.NewsImages.Add(image);
            await db.SaveChangesAsync(ct);
            UploadedSnippet = $"![{l["Mô tả ảnh"]}]({NewsSetup.ArticleImagePath}{image.Id.ToString(CultureInfo.InvariantCulture)})";
        }

        await LoadImagesAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int? id, CancellationToken ct) => SaveAsync(id, publish: false, ct);

    public Task<IActionResult> OnPostPublishAsync(int? id, CancellationToken ct) => SaveAsync(id, publish: true, ct);

    private async Task<IActionResult> SaveAsync(int? id, bool publish, CancellationToken ct)
    {
        Id = id;
        var article = id is null ? null : await db.NewsArticles.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (id is not null && article is null)
        {
            return NotFound();
        }

        (Status, CurrentSlug) = (article?.Status, article?.Slug);
        var slug = string.IsNullOrWhiteSpace(Input.Slug) ? NewsQueries.Slugify(Input.Title ?? "") : Input.Slug.Trim();
        if (!string.IsNullOrWhiteSpace(Input.Title) && !NewsQueries.IsSlug(slug))
        {
            ModelState.AddModelError("Input.Slug", l["Địa chỉ chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang."]);
        }
        else if (await db.NewsArticles.AnyAsync(a => a.Slug == slug && a.Id != (id ?? 0), ct))
        {
            ModelState.AddModelError("Input.Slug", l["Địa chỉ này đã có bài khác dùng."]);
        }

        if (Input.Category is not null && !NewsCategories.Exists(Input.Category))
        {
            ModelState.AddModelError("Input.Category", l["Vui lòng chọn chuyên mục."]);
        }

        if (Input.PublishedAt is { Year: < 2000 or > 2100 })
        {
            ModelState.AddModelError("Input.PublishedAt", l["Thời gian đăng không hợp lệ."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadImagesAsync(ct);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var by = User.Identity?.Name ?? "?";
        if (article is null)
        {
            article = new NewsArticle
            {
                Title = "", Slug = "", Summary = "", Body = "", Author = "", Category = "", CreatedAt = now, CreatedBy = by, UpdatedBy = by,
                Status = NewsStatus.Draft,
            };
            db.NewsArticles.Add(article);
        }

        article.Title = Input.Title!.Trim();
        article.Slug = slug;
        article.Summary = Input.Summary!.Trim();
        article.Body = Input.Body!;
        article.Author = Input.Author!.Trim();
        article.Category = Input.Category!;
        article.PublishedAt = Input.PublishedAt is { } local ? VietnamTime.ToUtc(local) : article.Status == NewsStatus.Published ? article.PublishedAt : null;
        article.UpdatedAt = now;
        article.UpdatedBy = by;
        if (publish)
        {
            SetStatus(article, NewsStatus.Published, now, by);
        }

        await db.SaveChangesAsync(ct);
        TempData["Message"] = (publish ? l["Đã đăng bài “{0}”.", article.Title] : l["Đã lưu bài “{0}”.", article.Title]).Value;
        return Redirect("/quan-tri/tin-tuc");
    }

    /// <summary>Publishing stamps the time when none was set; taking an article down keeps it, so it returns in its place.</summary>
    internal static void SetStatus(NewsArticle article, NewsStatus status, DateTime now, string by)
    {
        article.Status = status;
        if (status == NewsStatus.Published && article.PublishedAt is null)
        {
            article.PublishedAt = now;
        }

        article.UpdatedAt = now;
        article.UpdatedBy = by;
    }

    private async Task<bool> LoadArticleStateAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            return true;
        }

        var state = await db.NewsArticles.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Status, a.Slug }).FirstOrDefaultAsync(ct);
        (Status, CurrentSlug) = (state?.Status, state?.Slug);
        return state is not null;
    }

    private async Task LoadImagesAsync(CancellationToken ct) =>
        Images = await db.NewsImages.AsNoTracking().OrderByDescending(i => i.Id).Take(12)
            .Select(i => new ImageRow(i.Id, i.FileName, i.Length)).ToListAsync(ct);
}
