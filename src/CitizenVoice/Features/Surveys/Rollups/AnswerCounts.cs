using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// How many times each value of each question was answered, packed in one text column of a rollup row:
/// <c>"12:4=3;12:5=7;13:5=10"</c> (question:value=count, ordered by question then value, no zero counts). One row per
/// day × unit × field × … then carries all of its answers, so storing a response touches a handful of rollup rows
/// instead of one per question. Sparse, so it needs no questionnaire layout and survives any change of scale.
/// </summary>
public sealed class AnswerCounts
{
    private readonly Dictionary<(int QuestionId, int Value), long> _counts;

    /// <summary>
    /// With <c>dense</c>, counts of values 0–15 of questions below <see cref="DenseQuestions"/> sit in an array indexed
    /// by (question, value): a dashboard sums a few hundred thousand counts into a few dozen totals, and the array
    /// takes a third of the dictionary's time there. The writer's many small sums keep the dictionary, which costs no
    /// memory for questions they do not have.
    /// </summary>
    private long[]? _dense;
    private int _denseEntries;
    private const int DenseValues = 16;
    // At most 512 KiB a total; questions numbered beyond (years of questionnaire versions) go to the dictionary.
    private const int DenseQuestions = 4096;

    /// <param name="dense">Many counts will be added (a report's totals): see <see cref="_dense"/>.</param>
    public AnswerCounts(bool dense = false)
    {
        _dense = dense ? [] : null;
        _counts = [];
    }

    /// <param name="capacity">How many (question, value) counts are expected.</param>
    public AnswerCounts(int capacity) => _counts = new(capacity);

    public IEnumerable<(int QuestionId, int Value, long Count)> Entries =>
        DenseEntries().Concat(_counts.Select(c => (c.Key.QuestionId, c.Key.Value, c.Value)));

    private IEnumerable<(int QuestionId, int Value, long Count)> DenseEntries()
    {
        for (var i = 0; _denseEntries > 0 && i < _dense!.Length; i++)
        {
            if (_dense[i] != 0)
            {
                yield return (i / DenseValues, i % DenseValues, _dense[i]);
            }
        }
    }

    public bool IsEmpty => _counts.Count == 0 && _denseEntries == 0;

    public void Add(int questionId, int value, long count)
    {
        if (_dense is not null && (uint)questionId < DenseQuestions && (uint)value < DenseValues)
        {
            var index = questionId * DenseValues + value;
            if (index >= _dense.Length)
            {
                Array.Resize(ref _dense, Math.Max(index + DenseValues, _dense.Length * 2));
            }

            var before = _dense[index];
            var after = _dense[index] = before + count;
            _denseEntries += (after != 0 ? 1 : 0) - (before != 0 ? 1 : 0);
            return;
        }

        // One hash lookup: a dashboard adds a few hundred thousand counts.
        ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, (questionId, value), out _);
        sum += count;
        if (sum == 0)
        {
            _counts.Remove((questionId, value));
        }
    }

    /// <summary>Adds every count of a packed text.</summary>
    public void Add(string? packed) => Add(packed, 1);

    /// <summary>Takes away every count of a packed text (a subtree's counts less those of the units below it).</summary>
    public void Subtract(string? packed) => Add(packed, -1);

    /// <summary>Adds every count of a packed text with a sign: +1 adds it, −1 takes it away.</summary>
    public void Add(string? packed, int sign)
    {
        var reader = new Reader(packed ?? "");
        while (reader.Next(out var questionId, out var value, out var count))
        {
            Add(questionId, value, sign * count);
        }
    }

    public override string ToString()
    {
        // Sorted as one number per entry (question, then value, its sign bit flipped so negative values keep their
        // order): the writer packs every row of every batch, and sorting tuples through a comparer cost more than the
        // rest of the packing.
        var keys = new long[_counts.Count + _denseEntries];
        var counts = new long[keys.Length];
        var i = 0;
        foreach (var (key, count) in _counts)
        {
            (keys[i], counts[i]) = (((long)key.QuestionId << 32) | (uint)(key.Value ^ int.MinValue), count);
            i++;
        }

        foreach (var (questionId, value, count) in DenseEntries())
        {
            (keys[i], counts[i]) = (((long)questionId << 32) | (uint)(value ^ int.MinValue), count);
            i++;
        }

        Array.Sort(keys, counts);
        var text = new StringBuilder(keys.Length * 9);
        for (i = 0; i < keys.Length; i++)
        {
            Append(text, (int)(keys[i] >> 32), (int)keys[i] ^ int.MinValue, counts[i]);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, int questionId, int value, long count)
    {
        if (text.Length > 0)
        {
            text.Append(';');
        }

        text.Append(questionId).Append(':').Append(value).Append('=').Append(count);
    }

    /// <summary>
    /// The sum of two packed texts (the database's merge of a stored row with an increment). Both are ordered, so
    /// this is one pass over each, with no table in between: it runs for every rollup row a batch touches.
    /// </summary>
    public static string Merge(string? stored, string? increment)
    {
        if (string.IsNullOrEmpty(increment))
        {
            return stored ?? "";
        }

        if (string.IsNullOrEmpty(stored))
        {
            return increment;
        }

        var text = new StringBuilder(stored.Length + increment.Length);
        var a = new Reader(stored);
        var b = new Reader(increment);
        var hasA = a.Next(out var q1, out var v1, out var c1);
        var hasB = b.Next(out var q2, out var v2, out var c2);
        while (hasA || hasB)
        {
            var order = !hasA ? 1 : !hasB ? -1 : q1 != q2 ? q1.CompareTo(q2) : v1.CompareTo(v2);
            if (order < 0)
            {
                Append(text, q1, v1, c1);
                hasA = a.Next(out q1, out v1, out c1);
            }
            else if (order > 0)
            {
                Append(text, q2, v2, c2);
                hasB = b.Next(out q2, out v2, out c2);
            }
            else
            {
                if (c1 + c2 != 0)
                {
                    Append(text, q1, v1, c1 + c2);
                }

                hasA = a.Next(out q1, out v1, out c1);
                hasB = b.Next(out q2, out v2, out c2);
            }
        }

        return text.ToString();
    }

    /// <summary>Reads the entries of a packed text one by one, without allocating.</summary>
    private ref struct Reader(string packed)
    {
        private ReadOnlySpan<char> _rest = packed;

        public bool Next(out int questionId, out int value, out long count)
        {
            questionId = value = 0;
            count = 0;
            if (_rest.IsEmpty)
            {
                return false;
            }

            questionId = (int)Number(':');
            value = (int)Number('=');
            count = Number(';');
            return true;
        }

        /// <summary>An integer up to <paramref name="end"/> (or the end of the text); digits by hand, the general parser costs more here.</summary>
        private long Number(char end)
        {
            var i = 0;
            var negative = _rest[0] == '-';
            if (negative)
            {
                i++;
            }

            long number = 0;
            for (; i < _rest.Length && _rest[i] != end; i++)
            {
                var digit = _rest[i] - '0';
                if ((uint)digit > 9)
                {
                    throw new FormatException("Not a packed answer count: " + new string(_rest));
                }

                number = number * 10 + digit;
            }

            _rest = i < _rest.Length ? _rest[(i + 1)..] : [];
            return negative ? -number : number;
        }
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
