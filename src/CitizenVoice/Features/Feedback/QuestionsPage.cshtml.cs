using CitizenVoice.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Feedback;

/// <summary>The public "Hỏi đáp": answered feedback whose senders agreed to publish it, searchable with or without diacritics.</summary>
public sealed class QuestionsPageModel(AppDb db) : PageModel
{
    public const int PageSize = 20;

    public sealed record Row(int Id, string Title, string Question, string Field, string Unit, DateTime PublishedAt);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "linh-vuc")]
    public string? Field { get; set; }

    [BindProperty(SupportsGet = true, Name = "trang")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<FeedbackChoices.Choice> Fields { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Fields = await FeedbackChoices.FieldsAsync(db, ct);
        if (Q is { Length: > 200 })
        {
            Q = Q[..200];
        }

        // A field code is short ASCII ("CU-TRU"); anything else names no field (and never reaches the database).
        var fieldId = Field is not { Length: > 0 and <= 20 } || !Field.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? null
            : await db.Fields.AsNoTracking().Where(f => f.Code == Field && f.IsActive).Select(f => (int?)f.Id).FirstOrDefaultAsync(ct);
        if (fieldId is null)
        {
            Field = null;
        }

        var found = AnswerPublishing.Find(db, Q, fieldId);
        Total = await found.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var rows = await found.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(q => new { q.Id, q.Title, q.Question, Field = LocalName.Of(q.Field!.Name, q.Field.NameEn), Unit = LocalName.Of(q.Unit!.Name, q.Unit.NameEn), q.PublishedAt })
            .ToListAsync(ct);
        Rows = [.. rows.Select(r => new Row(r.Id, r.Title, Excerpt(r.Question), r.Field, r.Unit, r.PublishedAt!.Value))];
    }

    /// <summary>The address of another page of the same search.</summary>
    public string PageUrl(int page)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            query.Add("q=" + Uri.EscapeDataString(Q));
        }

        if (Field is not null)
        {
            query.Add("linh-vuc=" + Uri.EscapeDataString(Field));
        }

        query.Add("trang=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/phan-anh-kien-nghi/hoi-dap?" + string.Join('&', query);
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300].TrimEnd() + "…";
}
