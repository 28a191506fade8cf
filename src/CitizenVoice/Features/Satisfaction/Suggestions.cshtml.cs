using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// The free-text suggestions of survey responses in the leader's subtree: searchable without diacritics and
/// grouped into topics, so a leader sees what people keep asking for. Only the text, day, unit and field are
/// shown — never the rest of a response — and only to leaders and the survey team: in a small commune a comment
/// with its day and field can identify the citizen, so other staff see how many comments raise each topic.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class SuggestionsModel(AppDb db, UnitScope scope, QuestionnaireCatalog catalog, TimeProvider clock) : PageModel
{
    private const int Shown = 200;
    /// <summary>The newest suggestions read for topics and search: enough to show what people keep raising, few enough to read fast.</summary>
    public const int Scanned = 5_000;

    public sealed record Item(string Text, DateOnly Day, string UnitName, string FieldName);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public string? Field { get; set; }
    /// <summary>An element code: only suggestions of people not satisfied with some criterion of that element.</summary>
    [BindProperty(SupportsGet = true)] public string? Element { get; set; }

    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyList<Option> Fields { get; private set; } = [];
    public IReadOnlyList<Option> Elements { get; private set; } = [];
    public IReadOnlyList<(string Topic, int Count)> Topics { get; private set; } = [];
    public IReadOnlyList<Item> Items { get; private set; } = [];
    public int Total { get; private set; }
    /// <summary>Every suggestion of the subtree (and element) was read, not only the newest <see cref="Scanned"/>.</summary>
    public bool ReadAll { get; private set; }
    /// <summary>The user may read the comments themselves, not only the count per topic.</summary>
    public bool ShowsComments { get; private set; }

    public static bool MayReadComments(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Roles.Leader) || user.IsInRole(Roles.SurveyTeam);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var root = await scope.PathOfAsync(User, ct);
        if (root is null)
        {
            return Forbid();
        }

        var units = await DashboardData.SurveyedUnits(db, root).AsNoTracking()
            .OrderBy(u => u.Path).Select(u => new { u.Code, Name = LocalName.Of(u.Name, u.NameEn), u.Path }).ToListAsync(ct);
        if (units.Count == 0)
        {
            // A department's staff: no rated unit, so no suggestions of theirs to read.
            return Forbid();
        }

        var unit = units.FirstOrDefault(u => u.Code == Unit) ?? units[0];
        Unit = unit.Code;
        Units = [.. units.Select(u => new Option(u.Code, u.Name))];
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, DashboardData.SurveyedUnits(db, root), ct);
        Fields = await db.Fields.AsNoTracking().OrderBy(f => f.SortOrder).Select(f => new Option(f.Code, LocalName.Of(f.Name, f.NameEn))).ToListAsync(ct);

        var current = await catalog.CurrentAsync(ct);
        Elements = [.. (current?.Elements ?? []).Select(e => new Option(e.Code, e.NameFor(System.Globalization.CultureInfo.CurrentUICulture)))];
        var unsatisfied = await UnsatisfiedAnswersAsync(Element, ct);

        // Every unit under the chosen one, active or merged away: their history counts too. Plain locals in the
        // queries, and the optional filters decided here: EF Core evaluates a method call on captured values
        // (string.IsNullOrEmpty(Field) inside the query) by compiling code for it on every request.
        var path = unit.Path;
        var unitNames = await db.Units.Where(u => u.Path.StartsWith(path)).ToDictionaryAsync(u => u.Id, u => LocalName.Of(u.Name, u.NameEn), ct);
        var ids = unitNames.Keys.ToList();
        var field = Field;
        var fields = string.IsNullOrEmpty(field) ? db.Fields : db.Fields.Where(f => f.Code == field);
        var fieldNames = await fields.ToDictionaryAsync(f => f.Id, f => LocalName.Of(f.Name, f.NameEn), ct);
        var fieldIds = fieldNames.Keys.ToList();
        var responses = db.Database.IsSqlite()
            ? db.SurveyResponses.FromSqlRaw($"SELECT * FROM \"SurveyResponses\" INDEXED BY \"{SurveyResponseConfiguration.CommentedIndex}\"")
            : db.SurveyResponses;
        var rows = new List<(string Comment, DateOnly Day, int UnitId, int FieldId)>();
        // Newest first, a window of days at a time (a week, then twice as far back each time) until enough are found:
        // the province finds them in its last days, a commune reads back further, and neither sorts all its comments
        // (10 M responses hold 1.25 M of them).
        var today = SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        for (var (from, before, span) = (today.AddDays(-6), (DateOnly?)null, 7); rows.Count < Scanned; (before, span) = (from, span * 2), from = from.AddDays(-span))
        {
            var last = from < today.AddYears(-20);
            var (since, until, wanted) = (last ? DateOnly.MinValue : from, before ?? DateOnly.MaxValue, Scanned - rows.Count);
            var window = responses.AsNoTracking()
                .Where(r => ids.Contains(r.UnitId) && fieldIds.Contains(r.FieldId) && r.Comment != null && !r.IsDeleted && r.Day >= since && r.Day < until)
                .OrderByDescending(r => r.Day);
            rows.AddRange(unsatisfied is null
                ? (await window.Select(r => new { r.Comment, r.Day, r.UnitId, r.FieldId }).Take(wanted).ToListAsync(ct)).Select(r => (r.Comment!, r.Day, r.UnitId, r.FieldId))
                // Answers are packed in the response row, so the element filter runs here, on comments only.
                : await window.Select(r => new { r.Comment, r.Day, r.UnitId, r.FieldId, r.Answers }).AsAsyncEnumerable()
                    .Where(r => r.Answers.Exists(a => a.Value != null && unsatisfied.Contains(a.QuestionId * 100 + a.Value.Value)))
                    .Take(wanted).Select(r => (r.Comment!, r.Day, r.UnitId, r.FieldId)).ToListAsync(ct));
            if (last)
            {
                break;
            }
        }

        var all = rows.Select(r => (Item: new Item(r.Comment, r.Day, unitNames[r.UnitId], fieldNames[r.FieldId]), Folded: SuggestionTopics.Fold(r.Comment))).ToList();
        Topics = SuggestionTopics.Count(all.Select(a => a.Folded));
        ReadAll = rows.Count < Scanned;
        ShowsComments = MayReadComments(User);
        if (!ShowsComments)
        {
            // Topics only: a search would reveal comments word by word.
            Q = null;
            Total = all.Count;
            return Page();
        }

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
