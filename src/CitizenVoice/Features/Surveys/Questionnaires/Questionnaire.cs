using CitizenVoice.Features.Audit;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// One version of a questionnaire (bảng hỏi). A draft may be changed; once published it is frozen, because responses
/// point at it and their meaning must not shift. Changing a published questionnaire means <see cref="NewVersion"/>.
/// </summary>
public sealed class Questionnaire : IAudited
{
    public int Id { get; set; }
    /// <summary>The template family every version shares, e.g. "sipas" or "police7".</summary>
    public required string Code { get; set; }
    public int Version { get; set; } = 1;
    public required string Title { get; set; }
    public string? TitleEn { get; set; }
    public QuestionnaireStatus Status { get; private set; } = QuestionnaireStatus.Draft;
    public DateTime? PublishedAt { get; private set; }
    /// <summary>The questionnaire served to citizens and kiosks; at most one published version has it.</summary>
    public bool IsCurrent { get; set; }
    public List<QuestionnaireElement> Elements { get; set; } = [];
    public List<Question> Questions { get; set; } = [];

    public bool IsPublished => Status == QuestionnaireStatus.Published;

    string IAudited.AuditKey => $"{Code} v{Version}";

    public QuestionnaireElement AddElement(string code, string name, string? nameEn)
    {
        EnsureDraft();
        var element = new QuestionnaireElement { Code = code, Name = name, NameEn = nameEn, Order = Elements.Count + 1 };
        Elements.Add(element);
        return element;
    }

    public Question AddQuestion(QuestionKind kind, string code, string text, string? textEn, string? scaleCode, QuestionnaireElement? element = null)
    {
        EnsureDraft();
        if ((kind == QuestionKind.Element) != (element is not null))
        {
            throw new InvalidOperationException("Element questions, and only they, belong to an element.");
        }

        var question = new Question
        {
            Kind = kind, Code = code, Text = text, TextEn = textEn, ScaleCode = kind == QuestionKind.FreeText ? null : scaleCode,
            Element = element, Order = Questions.Count + 1,
        };
        Questions.Add(question);
        return question;
    }

    public void EditQuestion(Question question, string text, string? textEn)
    {
        EnsureDraft();
        question.Text = text;
        question.TextEn = textEn;
    }

    public void RemoveQuestion(Question question)
    {
        EnsureDraft();
        Questions.Remove(question);
    }

    /// <summary>Replaces a draft's whole content with what the survey team wrote in the editor.</summary>
    public void Redraft(string title, string? titleEn, IEnumerable<ElementDraft> elements, IEnumerable<QuestionDraft> questions)
    {
        EnsureDraft();
        Title = title;
        TitleEn = titleEn;
        Questions.Clear();
        Elements.Clear();
        var byCode = new Dictionary<string, QuestionnaireElement>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            byCode[element.Code] = AddElement(element.Code, element.Name, element.NameEn);
        }

        foreach (var question in questions)
        {
            AddQuestion(question.Kind, question.Code, question.Text, question.TextEn, question.ScaleCode,
                question.Kind == QuestionKind.Element ? byCode[question.ElementCode!] : null);
        }
    }

    public void Publish(DateTime now)
    {
        EnsureDraft();
        if (Questions.Count == 0)
        {
            throw new InvalidOperationException("An empty questionnaire cannot be published.");
        }

        Status = QuestionnaireStatus.Published;
        PublishedAt = now;
    }

    /// <summary>A new draft with the same content and the next version number; this version and its responses stay as they are.</summary>
    public Questionnaire NewVersion(int nextVersion)
    {
        var copy = new Questionnaire { Code = Code, Version = nextVersion, Title = Title, TitleEn = TitleEn };
        var elements = new Dictionary<QuestionnaireElement, QuestionnaireElement>();
        foreach (var element in Elements.OrderBy(e => e.Order))
        {
            elements[element] = copy.AddElement(element.Code, element.Name, element.NameEn);
        }

        foreach (var question in Questions.OrderBy(q => q.Order))
        {
            var source = question.Element ?? Elements.Find(e => e.Id != 0 && e.Id == question.ElementId);
            copy.AddQuestion(question.Kind, question.Code, question.Text, question.TextEn, question.ScaleCode, source is null ? null : elements[source]);
        }

        return copy;
    }

    private void EnsureDraft()
    {
        if (IsPublished)
        {
            throw new QuestionnairePublishedException(Code, Version);
        }
    }
}

public sealed record ElementDraft(string Code, string Name, string? NameEn);

public sealed record QuestionDraft(QuestionKind Kind, string? ElementCode, string Code, string Text, string? TextEn, string? ScaleCode);

public enum QuestionnaireStatus
{
    Draft = 0,
    Published = 1,
}

public sealed class QuestionnairePublishedException(string code, int version)
    : InvalidOperationException($"Questionnaire {code} v{version} is published and cannot be changed; create a new version.");

/// <summary>An element (yếu tố) of a questionnaire: a group of criteria whose mean rate is the element index.</summary>
public sealed class QuestionnaireElement
{
    public int Id { get; set; }
    public int QuestionnaireId { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public int Order { get; set; }
}

/// <summary>A question (tiêu chí). Only <see cref="QuestionKind.Element"/> questions enter the indices.</summary>
public sealed class Question
{
    public int Id { get; set; }
    public int QuestionnaireId { get; set; }
    public int? ElementId { get; set; }
    public QuestionnaireElement? Element { get; set; }
    public QuestionKind Kind { get; set; }
    /// <summary>A stable code across versions ("E3.2", "OVERALL") so reports can follow a question over time.</summary>
    public required string Code { get; set; }
    public required string Text { get; set; }
    public string? TextEn { get; set; }
    /// <summary>The scale's code; none for free text.</summary>
    public string? ScaleCode { get; set; }
    public int Order { get; set; }
}

public enum QuestionKind
{
    /// <summary>A criterion of an element, including the element's own satisfaction question.</summary>
    Element = 0,
    /// <summary>The direct overall-satisfaction question, reported beside the index, never inside it.</summary>
    Overall = 1,
    /// <summary>Who answered (citizen or organisation, gender, age group): always optional.</summary>
    Profile = 2,
    FreeText = 3,
}
