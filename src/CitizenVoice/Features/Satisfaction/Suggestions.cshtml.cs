using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// The free-text suggestions of survey responses in the leader's subtree: searchable without diacritics and
/// grouped into topics, so a leader sees what people keep asking for. Only the text, day, unit and field are
/// shown — never the rest of a response.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SuggestionsModel(AppDb db, UnitScope scope) : PageModel
{
    private const int Shown = 200;
    private const int Scanned = 20_000;

    public sealed record Item(string Text, DateOnly Day, string UnitName, string FieldName);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }

    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<Option> Fields { get; private set; } = [];
    public IReadOnlyList<(string Topic, int Count)> Topics { get; private set; } = [];
    public IReadOnlyList<Item> Items { get; private set; } = [];
    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var root = await scope.PathOfAsync(User, ct);
        if (root is null)
        {
            return Forbid();
        }

        var units = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(root) && u.ValidTo == null && u.SuccessorId == null && u.Level != UnitLevel.Department)
            .OrderBy(u => u.Path).Select(u => new { u.Code, u.Name, u.Path }).ToListAsync(ct);
        var unit = units.FirstOrDefault(u => u.Code == Unit) ?? units[0];
        Unit = unit.Code;
        Units = [.. units.Select(u => new Option(u.Code, u.Name))];
        Fields = await db.Fields.AsNoTracking().OrderBy(f => f.SortOrder).Select(f => new Option(f.Code, f.Name)).ToListAsync(ct);

        var rows = await db.SurveyResponses.AsNoTracking()
            .Where(r => !r.IsDeleted && r.Comment != null && db.Units.Any(u => u.Id == r.UnitId && u.Path.StartsWith(unit.Path)))
            .Where(r => string.IsNullOrEmpty(Field) || db.Fields.Any(f => f.Id == r.FieldId && f.Code == Field))
            .OrderByDescending(r => r.Day).Take(Scanned)
            .Select(r => new
            {
                r.Comment, r.Day,
                UnitName = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(),
                FieldName = db.Fields.Where(f => f.Id == r.FieldId).Select(f => f.Name).First(),
            })
            .ToListAsync(ct);
        var all = rows.Select(r => (Item: new Item(r.Comment!, r.Day, r.UnitName, r.FieldName), Folded: SuggestionTopics.Fold(r.Comment!))).ToList();
        Topics = SuggestionTopics.Count(all.Select(a => a.Folded));
        var query = string.IsNullOrWhiteSpace(Q) ? null : SuggestionTopics.Fold(Q);
        var matches = all.Where(a => query is null || a.Folded.Contains(query, StringComparison.Ordinal)).ToList();
        Total = matches.Count;
        Items = [.. matches.Take(Shown).Select(m => m.Item)];
        return Page();
    }
}

/// <summary>
/// Topics people raise, each recognised by a few words (compared without diacritics). A plain list a leader can
/// read and an administrator can extend, rather than a model nobody can explain.
/// </summary>
public static class SuggestionTopics
{
    private static readonly (string Topic, string[] Words)[] All =
    [
        ("Thái độ phục vụ", ["thai do", "nhiet tinh", "lich su", "cau kinh", "kho chiu", "hach dich"]),
        ("Thời gian chờ, giải quyết", ["cho lau", "cham", "thoi gian", "tre hen", "qua han", "nhanh"]),
        ("Thủ tục, giấy tờ", ["thu tuc", "giay to", "ho so", "phuc tap", "rac roi"]),
        ("Cơ sở vật chất", ["ghe", "cho ngoi", "may", "trang thiet bi", "cho de xe", "nong"]),
        ("Dịch vụ công trực tuyến", ["truc tuyen", "online", "mang", "dich vu cong", "ung dung", "vneid"]),
        ("Phí, lệ phí", ["phi", "le phi", "tien"]),
        ("Hướng dẫn, giải thích", ["huong dan", "giai thich", "niem yet", "thong tin"]),
    ];

    public static string Fold(string text) => TextFolding.Fold(text).ToLowerInvariant();

    public static string SearchTermFor(string topic) => All.First(t => t.Topic == topic).Words[0];

    public static IReadOnlyList<(string Topic, int Count)> Count(IEnumerable<string> folded)
    {
        var texts = folded.ToList();
        return [.. All.Select(t => (t.Topic, texts.Count(x => t.Words.Any(w => x.Contains(w, StringComparison.Ordinal)))))
            .Where(t => t.Item2 > 0).OrderByDescending(t => t.Item2)];
    }
}
