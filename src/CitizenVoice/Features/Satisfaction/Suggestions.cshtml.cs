using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Staff;
using CitizenVoice.Features.Surveys;
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
public sealed class SuggestionsModel(AppDb db, UnitScope scope, QuestionnaireCatalog catalog) : PageModel
{
    private const int Shown = 200;
    private const int Scanned = 20_000;

    public sealed record Item(string Text, DateOnly Day, string UnitName, string FieldName);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    /// <summary>An element code: only suggestions of people not satisfied with some criterion of that element.</summary>
    [BindProperty(SupportsGet = true)] public string? Element { get; set; }

    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<Option> Fields { get; private set; } = [];
    public IReadOnlyList<Option> Elements { get; private set; } = [];
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

        var current = await catalog.CurrentAsync(ct);
        Elements = [.. (current?.Elements ?? []).Select(e => new Option(e.Code, e.NameFor(System.Globalization.CultureInfo.CurrentUICulture)))];
        var unsatisfied = await UnsatisfiedAnswersAsync(Element, ct);

        // Plain locals in the query, and the optional filter decided here: EF Core evaluates a method call on captured
        // values (string.IsNullOrEmpty(Field) inside the query) by compiling code for it on every request.
        var (path, field) = (unit.Path, Field);
        var commented = db.SurveyResponses.AsNoTracking()
            .Where(r => !r.IsDeleted && r.Comment != null && db.Units.Any(u => u.Id == r.UnitId && u.Path.StartsWith(path)));
        if (!string.IsNullOrEmpty(field))
        {
            commented = commented.Where(r => db.Fields.Any(f => f.Id == r.FieldId && f.Code == field));
        }

        var rows = await commented
            .OrderByDescending(r => r.Day)
            .Select(r => new
            {
                r.Comment, r.Day, r.Answers,
                UnitName = db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(),
                FieldName = db.Fields.Where(f => f.Id == r.FieldId).Select(f => f.Name).First(),
            })
            .AsAsyncEnumerable()
            // Answers are packed in the response row, so the element filter runs here, on comments only.
            .Where(r => unsatisfied == null || r.Answers.Exists(a => a.Value != null && unsatisfied.Contains(a.QuestionId * 100 + a.Value.Value)))
            .Take(Scanned)
            .ToListAsync(ct);
        var all = rows.Select(r => (Item: new Item(r.Comment!, r.Day, r.UnitName, r.FieldName), Folded: SuggestionTopics.Fold(r.Comment!))).ToList();
        Topics = SuggestionTopics.Count(all.Select(a => a.Folded));
        var query = string.IsNullOrWhiteSpace(Q) ? null : SuggestionTopics.Fold(Q);
        var matches = all.Where(a => query is null || a.Folded.Contains(query, StringComparison.Ordinal)).ToList();
        Total = matches.Count;
        Items = [.. matches.Take(Shown).Select(m => m.Item)];
        return Page();
    }

    /// <summary>
    /// The not-satisfied answers to the element's criteria in every questionnaire version (matched by element code),
    /// coded question × 100 + value; null when no element is chosen.
    /// </summary>
    private async Task<HashSet<int>?> UnsatisfiedAnswersAsync(string? element, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(element))
        {
            return null;
        }

        var questions = await db.Questionnaires.AsNoTracking().SelectMany(q => q.Questions)
            .Where(q => q.Element != null && q.Element.Code == element && q.ScaleCode != null)
            .Select(q => new { q.Id, q.ScaleCode }).ToListAsync(ct);
        var scales = questions.Select(q => q.ScaleCode!).Distinct().ToList();
        var notSatisfied = await db.Scales.AsNoTracking().Where(s => scales.Contains(s.Code))
            .SelectMany(s => s.Options.Where(o => !o.Satisfied), (s, o) => new { s.Code, o.Value }).ToListAsync(ct);
        return [.. questions.SelectMany(q => notSatisfied.Where(o => o.Code == q.ScaleCode).Select(o => q.Id * 100 + o.Value))];
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
