using System.Globalization;
using CitizenVoice.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.News;

/// <summary>The public list of news, newest first, a page at a time, optionally of one section.</summary>
public sealed class NewsListModel(AppDb db, IOptions<NewsOptions> options) : PageModel
{
    public IReadOnlyList<ArticleLink> Articles { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    /// <summary>The section shown, or null for all.</summary>
    public NewsCategories.Category? Category { get; private set; }

    // Read by hand, not bound: a stale or hand-typed address ("?trang=abc") shows the first page, not an error.
    public async Task OnGetAsync(CancellationToken ct)
    {
        var code = Request.Query["chuyen-muc"].ToString();
        Category = NewsCategories.All.FirstOrDefault(c => c.Code == code);
        var articles = NewsQueries.Published(db);
        if (Category is not null)
        {
            articles = articles.Where(a => a.Category == Category.Code);
        }

        var size = options.Value.PageSize;
        var count = await articles.CountAsync(ct);
        PageCount = Math.Max(1, (count + size - 1) / size);
        PageNumber = int.TryParse(Request.Query["trang"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) ? Math.Clamp(page, 1, PageCount) : 1;
        Articles = await NewsQueries.Links(articles.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * size).Take(size)).ToListAsync(ct);
    }

    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (Category is not null)
        {
            query.Add("chuyen-muc=" + Category.Code);
        }

        if (page > 1)
        {
            query.Add("trang=" + page.ToString(CultureInfo.InvariantCulture));
        }

        return "/tin-tuc" + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
}
