using CitizenVoice.Features.Surveys;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// What a figure is about: a unit (alone, or with every unit under it and every unit merged into them), a field,
/// a procedure, a channel, who answered, and a period (inclusive days).
/// </summary>
public sealed record SatisfactionFilter(
    string? UnitCode, bool Subunits, string? FieldCode, string? ProcedureCode, SurveyChannel? Channel, int? RespondentType,
    DateOnly From, DateOnly To)
{
    /// <summary>
    /// Sub-units as the tree stood on the period's last day, for a screen that lists the units of the period (the
    /// results for 2022 list 2022's districts). Otherwise a unit in service today counts today's sub-units — and the
    /// history of every unit merged into them — so its figures compare across years; a unit closed since is always
    /// counted with the sub-units it had.
    /// </summary>
    public bool TreeOfPeriod { get; init; }

    public SatisfactionFilter YearEarlier() => this with { From = From.AddYears(-1), To = To.AddYears(-1) };
}

/// <summary>A question's figure and the full distribution of its answers (so a drift from "Rất hài lòng" to "Hài lòng" shows).</summary>
public sealed record QuestionFigure(int Id, string Code, string Text, string? TextEn, string? ElementCode, Rate Rate, IReadOnlyList<ValueCount> Distribution);

public sealed record ValueCount(int Value, string Label, string? LabelEn, bool Satisfied, long Count);

public sealed record ElementFigure(string Code, string Name, string? NameEn, Rate Index, IReadOnlyList<QuestionFigure> Questions);

/// <summary>
/// The figures for one filter: the overall index (mean of element indices), the elements, their questions, and the
/// direct overall-satisfaction question reported beside (never inside) the index.
/// </summary>
public sealed record SatisfactionFigures(long Responses, Rate Index, IReadOnlyList<ElementFigure> Elements, QuestionFigure? OverallQuestion)
{
    /// <summary>
    /// The questionnaire versions whose answers make up these figures, oldest first. More than one means the period spans
    /// a change of questionnaire: each question's figure adds up the versions that share its code, and no other.
    /// </summary>
    public IReadOnlyList<QuestionnaireVersionUsed> Versions { get; init; } = [];

    public IEnumerable<QuestionFigure> Questions => Elements.SelectMany(e => e.Questions);
}

/// <summary>A questionnaire version that answers in a figure came from.</summary>
public sealed record QuestionnaireVersionUsed(string Code, int Version, string Title, string? TitleEn, DateTime? PublishedAt);
