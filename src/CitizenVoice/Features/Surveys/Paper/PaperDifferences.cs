using System.Globalization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Where two typings of a paper form differ, named by keys the reconciliation page posts back: "date", "comment",
/// "q{questionId}" for a scaled answer and "t{questionId}" for a free-text one.
/// </summary>
public static class PaperDifferences
{
    public const string Date = "date";
    public const string Comment = "comment";

    public static string ValueKey(int questionId) => string.Create(CultureInfo.InvariantCulture, $"q{questionId}");

    public static string TextKey(int questionId) => string.Create(CultureInfo.InvariantCulture, $"t{questionId}");

    public static IReadOnlyList<string> Between(PaperContent first, PaperContent second)
    {
        var keys = new List<string>();
        if (first.ContactDate != second.ContactDate)
        {
            keys.Add(Date);
        }

        foreach (var id in first.Values.Keys.Union(second.Values.Keys).Order())
        {
            if (first.Values.TryGetValue(id, out var a) != second.Values.TryGetValue(id, out var b) || a != b)
            {
                keys.Add(ValueKey(id));
            }
        }

        foreach (var id in first.Texts.Keys.Union(second.Texts.Keys).Order())
        {
            if (first.Texts.GetValueOrDefault(id) != second.Texts.GetValueOrDefault(id))
            {
                keys.Add(TextKey(id));
            }
        }

        if (first.Comment != second.Comment)
        {
            keys.Add(Comment);
        }

        return keys;
    }

    /// <summary>The first typing, with each difference taken from the typing chosen for it (1 or 2).</summary>
    public static PaperContent Merge(PaperContent first, PaperContent second, IDictionary<string, int> choices)
    {
        bool Second(string key) => choices.TryGetValue(key, out var choice) && choice == 2;
        var values = new SortedDictionary<int, int>(first.Values);
        var texts = new SortedDictionary<int, string>(first.Texts);
        foreach (var id in first.Values.Keys.Union(second.Values.Keys).Where(id => Second(ValueKey(id))))
        {
            values.Remove(id);
            if (second.Values.TryGetValue(id, out var value))
            {
                values[id] = value;
            }
        }

        foreach (var id in first.Texts.Keys.Union(second.Texts.Keys).Where(id => Second(TextKey(id))))
        {
            texts.Remove(id);
            if (second.Texts.TryGetValue(id, out var text))
            {
                texts[id] = text;
            }
        }

        return new PaperContent(Second(Date) ? second.ContactDate : first.ContactDate, values, texts, Second(Comment) ? second.Comment : first.Comment);
    }
}
