using System.Globalization;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CitizenVoice.Features.Surveys;

/// <summary>A questionnaire as it is asked: elements, questions and their scales, ready to render or validate against.</summary>
public sealed record QuestionnaireView(
    int Id, string Code, int Version, string Title, string? TitleEn, bool IsPublished,
    IReadOnlyList<ElementView> Elements, QuestionView? Overall, IReadOnlyList<QuestionView> Profile, IReadOnlyList<QuestionView> FreeText)
{
    public IEnumerable<QuestionView> AllQuestions =>
        Elements.SelectMany(e => e.Questions).Concat(Overall is null ? [] : [Overall]).Concat(Profile).Concat(FreeText);

    private Dictionary<int, QuestionView>? _byId;

    // Looked up once per answer of every response: a dictionary, built on first use (the view is cached and immutable).
    public QuestionView? Find(int questionId) => (_byId ??= AllQuestions.ToDictionary(q => q.Id)).GetValueOrDefault(questionId);

    public string TitleFor(CultureInfo culture) => Pick(culture, Title, TitleEn);

    internal static string Pick(CultureInfo culture, string vi, string? en) =>
        culture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(en) ? en : vi;
}

public sealed record ElementView(string Code, string Name, string? NameEn, IReadOnlyList<QuestionView> Questions)
{
    public string NameFor(CultureInfo culture) => QuestionnaireView.Pick(culture, Name, NameEn);
}

public sealed record QuestionView(int Id, string Code, QuestionKind Kind, string Text, string? TextEn, ScaleView? Scale)
{
    public string TextFor(CultureInfo culture) => QuestionnaireView.Pick(culture, Text, TextEn);
}

public sealed record ScaleView(string Code, IReadOnlyList<ScaleValueView> Values)
{
    public bool Allows(int value) => Values.Any(v => v.Value == value);
}

public sealed record ScaleValueView(int Value, string Label, string? LabelEn, bool Satisfied)
{
    public string LabelFor(CultureInfo culture) => QuestionnaireView.Pick(culture, Label, LabelEn);
}

/// <summary>
/// Loads questionnaires. A published version never changes, so it is cached for as long as the process lives; drafts
/// (for the administrators' preview) are read fresh.
/// </summary>
public sealed class QuestionnaireCatalog(AppDb db, IMemoryCache cache)
{
    public async Task<int?> CurrentIdAsync(CancellationToken cancellationToken = default) =>
        await db.Questionnaires.AsNoTracking().Where(q => q.IsCurrent && q.Status == QuestionnaireStatus.Published)
            .OrderByDescending(q => q.Version).Select(q => (int?)q.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task<QuestionnaireView?> CurrentAsync(CancellationToken cancellationToken = default) =>
        await CurrentIdAsync(cancellationToken) is { } id ? await LoadAsync(id, cancellationToken) : null;

    /// <summary>The questionnaire a field answers on a channel: its own rule if the survey team set one, else the default.</summary>
    public async Task<QuestionnaireView?> ServedAsync(int fieldId, SurveyChannel channel, CancellationToken cancellationToken = default) =>
        await QuestionnaireUse.ServedIdAsync(db, fieldId, channel, cancellationToken) is { } id
            ? await LoadAsync(id, cancellationToken)
            : await CurrentAsync(cancellationToken);

    public async Task<QuestionnaireView?> LoadAsync(int id, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey(id), out QuestionnaireView? cached))
        {
            return cached;
        }

        var questionnaire = await db.Questionnaires.AsNoTracking().AsSplitQuery()
            .Include(q => q.Elements).Include(q => q.Questions)
            .SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (questionnaire is null)
        {
            return null;
        }

        var scaleCodes = questionnaire.Questions.Select(q => q.ScaleCode).OfType<string>().Distinct().ToList();
        var scales = await db.Scales.AsNoTracking().Include(s => s.Options).Where(s => scaleCodes.Contains(s.Code)).ToListAsync(cancellationToken);
        var scaleViews = scales.ToDictionary(s => s.Code, s => new ScaleView(s.Code,
            [.. s.Options.OrderBy(o => o.Value).Select(o => new ScaleValueView(o.Value, o.Label, o.LabelEn, o.Satisfied))]));

        QuestionView ToView(Question q) => new(q.Id, q.Code, q.Kind, q.Text, q.TextEn, q.ScaleCode is null ? null : scaleViews[q.ScaleCode]);
        var ordered = questionnaire.Questions.OrderBy(q => q.Order).ToList();
        var view = new QuestionnaireView(
            questionnaire.Id, questionnaire.Code, questionnaire.Version, questionnaire.Title, questionnaire.TitleEn, questionnaire.IsPublished,
            [.. questionnaire.Elements.OrderBy(e => e.Order).Select(e => new ElementView(e.Code, e.Name, e.NameEn,
                [.. ordered.Where(q => q.ElementId == e.Id).Select(ToView)]))],
            ordered.Where(q => q.Kind == QuestionKind.Overall).Select(ToView).FirstOrDefault(),
            [.. ordered.Where(q => q.Kind == QuestionKind.Profile).Select(ToView)],
            [.. ordered.Where(q => q.Kind == QuestionKind.FreeText).Select(ToView)]);
        if (view.IsPublished)
        {
            cache.Set(CacheKey(id), view, new MemoryCacheEntryOptions { Size = 1 });
        }

        return view;
    }

    private static string CacheKey(int id) => string.Create(CultureInfo.InvariantCulture, $"questionnaire:{id}");
}
