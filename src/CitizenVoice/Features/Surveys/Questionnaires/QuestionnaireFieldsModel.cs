namespace CitizenVoice.Features.Surveys;

/// <summary>What the shared questionnaire partial renders: the questions and any answers already chosen.</summary>
public sealed record QuestionnaireFieldsModel(QuestionnaireView Questionnaire, IDictionary<int, int> Selected, IDictionary<int, string> Texts)
{
    public QuestionFieldModel For(QuestionView question) => new(
        question, Selected.TryGetValue(question.Id, out var value) ? value : null, Texts.TryGetValue(question.Id, out var text) ? text : null);
}

public sealed record QuestionFieldModel(QuestionView Question, int? Selected, string? Text);

/// <summary>Turns the posted radio groups (Answers[questionId] = value) into submitted answers.</summary>
public static class PostedAnswers
{
    public static List<SubmittedAnswer> From(IDictionary<int, int>? answers, IDictionary<int, string>? texts) =>
    [
        .. (answers ?? new Dictionary<int, int>()).OrderBy(a => a.Key).Select(a => new SubmittedAnswer(a.Key, a.Value)),
        .. (texts ?? new Dictionary<int, string>()).Where(t => !string.IsNullOrWhiteSpace(t.Value)).Select(t => new SubmittedAnswer(t.Key, null, t.Value)),
    ];
}
