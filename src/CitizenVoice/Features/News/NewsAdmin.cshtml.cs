using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.News;

/// <summary>Every article, drafts and published, for editors: write, publish, take down.</summary>
[Authorize(Policy = Policies.Staff, Roles = NewsSetup.EditorRoleList)]
public sealed class NewsAdminModel(AppDb db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(int Id, string Slug, string Title, string Category, NewsStatus Status, DateTime? PublishedAt, DateTime UpdatedAt, string UpdatedBy);

    public IReadOnlyList<Row> Articles { get; private set; } = [];

    public int PendingComments { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Articles = await db.NewsArticles.AsNoTracking()
            .OrderBy(a => a.Status).ThenByDescending(a => a.PublishedAt).ThenByDescending(a => a.UpdatedAt)
            .Select(a => new Row(a.Id, a.Slug, a.Title, a.Category, a.Status, a.PublishedAt, a.UpdatedAt, a.UpdatedBy))
            .ToListAsync(ct);
        PendingComments = await db.NewsComments.CountAsync(c => c.Status == CommentStatus.Pending, ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) => await SetStatusAsync(id, NewsStatus.Published, ct);

    public async Task<IActionResult> OnPostUnpublishAsync(int id, CancellationToken ct) => await SetStatusAsync(id, NewsStatus.Draft, ct);

    private async Task<IActionResult> SetStatusAsync(int id, NewsStatus status, CancellationToken ct)
    {
        var article = await db.NewsArticles.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null)
        {
            return NotFound();
        }

        NewsEditModel.SetStatus(article, status, clock.GetUtcNow().UtcDateTime, User.Identity?.Name ?? "?");
        await db.SaveChangesAsync(ct);
        TempData["Message"] = (status == NewsStatus.Published ? l["Đã đăng bài “{0}”.", article.Title] : l["Đã gỡ bài “{0}” về bản nháp.", article.Title]).Value;
        return Redirect("/quan-tri/tin-tuc");
    }
}
