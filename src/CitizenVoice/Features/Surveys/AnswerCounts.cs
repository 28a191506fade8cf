using System.Globalization;
using System.Text;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// How many times each value of each question was answered, packed in one text column of a rollup row:
/// <c>"12:4=3;12:5=7;13:5=10"</c> (question:value=count, ordered by question then value, no zero counts). One row per
/// day × unit × field × … then carries all of its answers, so storing a response touches a handful of rollup rows
/// instead of one per question. Sparse, so it needs no questionnaire layout and survives any change of scale.
/// </summary>
public sealed class AnswerCounts
{
    private readonly Dictionary<(int QuestionId, int Value), long> _counts = [];

    public IEnumerable<(int QuestionId, int Value, long Count)> Entries => _counts.Select(c => (c.Key.QuestionId, c.Key.Value, c.Value));

    public bool IsEmpty => _counts.Count == 0;

    public void Add(int questionId, int value, long count)
    {
        var key = (questionId, value);
        var sum = _counts.GetValueOrDefault(key) + count;
        if (sum == 0)
        {
            _counts.Remove(key);
        }
        else
        {
            _counts[key] = sum;
        }
    }

    /// <summary>Adds every count of a packed text.</summary>
    public void Add(string? packed)
    {
        foreach (var (questionId, value, count) in Parse(packed))
        {
            Add(questionId, value, count);
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder(_counts.Count * 9);
        foreach (var ((questionId, value), count) in _counts.OrderBy(c => c.Key))
        {
            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.Append(CultureInfo.InvariantCulture, $"{questionId}:{value}={count}");
        }

        return text.ToString();
    }

    /// <summary>The sum of two packed texts (the database's merge of an existing row with an increment).</summary>
    public static string Merge(string? stored, string? increment)
    {
        var sum = new AnswerCounts();
        sum.Add(stored);
        sum.Add(increment);
        return sum.ToString();
    }

    /// <summary>The entries of a packed text, in its order. Written only by this class, so a malformed text is a bug: it throws.</summary>
    public static IEnumerable<(int QuestionId, int Value, long Count)> Parse(string? packed)
    {
        if (string.IsNullOrEmpty(packed))
        {
            yield break;
        }

        var start = 0;
        while (start < packed.Length)
        {
            var end = packed.IndexOf(';', start);
            if (end < 0)
            {
                end = packed.Length;
            }

            var entry = packed.AsSpan(start, end - start);
            var colon = entry.IndexOf(':');
            var equals = entry.IndexOf('=');
            yield return (
                int.Parse(entry[..colon], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                int.Parse(entry[(colon + 1)..equals], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
                long.Parse(entry[(equals + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            start = end + 1;
        }
    }
}
