using System.Security.Cryptography;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.News;

/// <summary>
/// Readers' comments waiting for a decision, oldest first: publish or reject. Nothing a reader writes reaches the public
/// page before a person has read it.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = NewsSetup.CommentModeratorRoleList)]
public sealed class NewsCommentsModel(AppDb db, CommentEmailProtector emails, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(int Id, string ArticleTitle, string ArticleSlug, string AuthorName, string? Email, string Text, DateTime PostedAt);

    public IReadOnlyList<Row> Pending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var rows = await db.NewsComments.AsNoTracking().Where(c => c.Status == CommentStatus.Pending).OrderBy(c => c.PostedAt).Take(200)
            .Select(c => new { c.Id, c.Article!.Title, c.Article.Slug, c.AuthorName, c.EmailProtected, c.Text, c.PostedAt }).ToListAsync(ct);
        Pending = [.. rows.Select(r => new Row(r.Id, r.Title, r.Slug, r.AuthorName, Reveal(r.EmailProtected), r.Text, r.PostedAt))];
    }

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) => DecideAsync(id, CommentStatus.Published, ct);

    public Task<IActionResult> OnPostRejectAsync(int id, CancellationToken ct) => DecideAsync(id, CommentStatus.Rejected, ct);

    private async Task<IActionResult> DecideAsync(int id, CommentStatus status, CancellationToken ct)
    {
        var comment = await db.NewsComments.FirstOrDefaultAsync(c => c.Id == id && c.Status == CommentStatus.Pending, ct);
        if (comment is null)
        {
            TempData["Message"] = l["Ý kiến này đã được xử lý."].Value;
            return Redirect("/quan-tri/tin-tuc/y-kien");
        }

        comment.Status = status;
        comment.ModeratedAt = clock.GetUtcNow().UtcDateTime;
        comment.ModeratedBy = User.Identity?.Name;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = (status == CommentStatus.Published ? l["Đã đăng ý kiến."] : l["Đã từ chối ý kiến."]).Value;
        return Redirect("/quan-tri/tin-tuc/y-kien");
    }

    // The email is for staff who may need to answer the reader; a key that can no longer read it shows nothing.
    private string? Reveal(string? protectedEmail)
    {
        if (protectedEmail is null)
        {
            return null;
        }

        try
        {
            return emails.Unprotect(protectedEmail);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
