using CitizenVoice.Features.Organisation;
using DailyKey = (int UnitId, System.DateOnly Day, int FieldId, int ProcedureId, int Channel, int RespondentType);
using RowKey = (int UnitId, CitizenVoice.Features.Surveys.Rollups.RollupScope Scope, System.DateOnly Period, int FieldId, int Channel, int RespondentType, int ProcedureId);

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>The dimensions a response is counted under; <see cref="Lineage"/> is its unit and every unit above, <see cref="Level"/> its unit's level.</summary>
public readonly record struct RollupCell(int UnitId, int[] Lineage, UnitLevel Level, DateOnly Day, int FieldId, int ProcedureId, int Channel, int RespondentType);

/// <summary>
/// One response's answers as an increment (with its sign), packed once however many rows it counts in: a response
/// counts in some twenty-five rows, and on a national tree most of them count that response alone.
/// </summary>
internal sealed class ResponseIncrement((int QuestionId, int Value)[] answers, int delta)
{
    public readonly (int QuestionId, int Value)[] Answers = answers;
    public readonly int Delta = delta;
    private string? _text;

    public string Text => _text ??= Counts().ToString();

    public AnswerCounts Counts()
    {
        var counts = new AnswerCounts(capacity: Answers.Length);
        foreach (var (questionId, value) in Answers)
        {
            counts.Add(questionId, value, Delta);
        }

        return counts;
    }
}

/// <summary>The increments of one rollup row, summed in memory: people, and each question × value count.</summary>
internal sealed class RollupSum
{
    public long Responses;
    private AnswerCounts? _answers;

    // The row's only increment so far, kept as it is (shared with the other rows of the same response) until a
    // second one comes: most rows of a batch on a national tree count one response, and a table of counts of their
    // own for each cost more than everything else the batch does.
    private ResponseIncrement? _only;

    public AnswerCounts Answers
    {
        get
        {
            if (_answers is null)
            {
                _answers = _only?.Counts() ?? new AnswerCounts();
                _only = null;
            }

            return _answers;
        }
    }

    public bool IsEmpty => Responses == 0 && _only is null && (_answers?.IsEmpty ?? true);

    /// <summary>Adds a response's answers (<see cref="RollupSums.Add(in RollupCell, IEnumerable{ValueTuple{int, int}}, int)"/>).</summary>
    public void Add(ResponseIncrement increment)
    {
        if (_answers is null && _only is null)
        {
            _only = increment;
            return;
        }

        var answers = Answers;
        foreach (var (questionId, value) in increment.Answers)
        {
            answers.Add(questionId, value, increment.Delta);
        }
    }

    /// <summary>The packed answer counts (<see cref="AnswerCounts.ToString"/>), without unpacking a single increment.</summary>
    public string AnswersText() => _only is { } only ? only.Text : Answers.ToString();
}

/// <summary>
/// Rollup increments summed in memory by row (<see cref="RollupRule"/> says which rows), so a row touched by many
/// responses, days or units of a set is written once (<see cref="RollupStore"/>). Only sums: nothing here reads or
/// writes the database.
/// </summary>
internal sealed class RollupSums
{
    private readonly Dictionary<DailyKey, RollupSum> _daily = [];
    private readonly Dictionary<RowKey, RollupSum> _rows = [];
    private readonly bool _dailyOnly;

    /// <param name="dailyOnly">Sum only the daily rows: the survey writer leaves the others to the fold.</param>
    public RollupSums(bool dailyOnly = false) => _dailyOnly = dailyOnly;

    public IReadOnlyDictionary<DailyKey, RollupSum> Daily => _daily;

    public IReadOnlyDictionary<RowKey, RollupSum> Rows => _rows;

    /// <summary>Counts one response of <paramref name="cell"/> with its scaled answers (question, value); <paramref name="delta"/> −1 takes one out.</summary>
    public void Add(in RollupCell cell, IEnumerable<(int QuestionId, int Value)> answers, int delta)
    {
        var sums = new List<RollupSum> { SumOf(_daily, (cell.UnitId, cell.Day, cell.FieldId, cell.ProcedureId, cell.Channel, cell.RespondentType)) };
        if (!_dailyOnly)
        {
            sums.AddRange(RollupRule.KeysOf(cell.UnitId, cell.Lineage, cell.Level, cell.Day, cell.FieldId, cell.Channel, cell.RespondentType, cell.ProcedureId, withDays: true)
                .Select(key => SumOf(_rows, key)));
        }

        var increment = new ResponseIncrement([.. answers], delta);
        foreach (var sum in sums)
        {
            sum.Responses += delta;
            sum.Add(increment);
        }
    }

    /// <summary>
    /// Adds (or with <paramref name="sign"/> −1 takes out) a unit's own row by month (one split by channel and respondent
    /// type, or one procedure's) to every row it counts in under <paramref name="lineage"/>, and to their twins for all
    /// channels: taken out under the old lineage and added under the new, it moves a unit's history.
    /// </summary>
    public void AddOwnRow(RollupRow own, int[] lineage, UnitLevel level, int sign)
    {
        var counts = AnswerCounts.Parse(own.Answers).ToList();
        var keys = own.Scope == RollupScope.ProcedureOwn
            ? RollupRule.ProcedureKeysOf(own.UnitId, lineage, own.Period, own.FieldId, own.ProcedureId)
            : RollupRule.KeysOf(own.UnitId, lineage, level, own.Period, own.FieldId, (int)own.Channel, own.RespondentType, procedureId: 0, withDays: false);
        foreach (var key in keys)
        {
            Add(key, own.Responses, counts, sign);
        }
    }

    /// <summary>Adds a daily row to every row its unit's responses count in: how those rows are rebuilt from the daily ones.</summary>
    public void AddDailyRow(DailyRollup day, int[] lineage, UnitLevel level)
    {
        var counts = AnswerCounts.Parse(day.Answers).ToList();
        foreach (var key in RollupRule.KeysOf(day.UnitId, lineage, level, day.Day, day.FieldId, (int)day.Channel, day.RespondentType, day.ProcedureId, withDays: true))
        {
            Add(key, day.Responses, counts, +1);
        }
    }

    /// <summary>
    /// Adds (or with <paramref name="sign"/> −1 takes out) a day's counts to the row of <paramref name="scope"/>, channel
    /// and respondent type of each of <paramref name="ancestors"/>: how a move shifts the days of a whole subtree from its
    /// old ancestors to its new ones.
    /// </summary>
    public void AddDay(RollupScope scope, DateOnly day, int fieldId, int channel, int respondentType, long responses, string answers, IEnumerable<int> ancestors, int sign)
    {
        var counts = AnswerCounts.Parse(answers).ToList();
        foreach (var unitId in ancestors)
        {
            Add((unitId, scope, day, fieldId, channel, respondentType, 0), responses, counts, sign);
        }
    }

    /// <summary>
    /// Counts writer batches' pending daily increments into the rows by month and by day. They are summed by daily key
    /// first: a second's batches repeat the same few hundred keys, each of which then fans out to its twenty-odd rows
    /// once instead of once per batch.
    /// </summary>
    public void AddPending(IEnumerable<string> texts, IReadOnlyDictionary<int, (int[] Lineage, UnitLevel Level)> units)
    {
        var days = new Dictionary<DailyKey, RollupSum>();
        foreach (var (key, responses, answers) in PendingIncrements.Parse(texts))
        {
            var sum = SumOf(days, key);
            sum.Responses += responses;
            sum.Answers.Add(answers);
        }

        foreach (var (key, sum) in days)
        {
            var (lineage, level) = units[key.UnitId];
            var counts = sum.Answers.Entries.ToList();
            foreach (var row in RollupRule.KeysOf(key.UnitId, lineage, level, key.Day, key.FieldId, key.Channel, key.RespondentType, key.ProcedureId, withDays: true))
            {
                Add(row, sum.Responses, counts, +1);
            }
        }
    }

    private void Add(RowKey key, long responses, List<(int QuestionId, int Value, long Count)> counts, int sign)
    {
        var sum = SumOf(_rows, key);
        sum.Responses += sign * responses;
        foreach (var (questionId, value, count) in counts)
        {
            sum.Answers.Add(questionId, value, sign * count);
        }
    }

    private static RollupSum SumOf<TKey>(Dictionary<TKey, RollupSum> sums, TKey key) where TKey : notnull
    {
        if (!sums.TryGetValue(key, out var sum))
        {
            sums[key] = sum = new RollupSum();
        }

        return sum;
    }
}
