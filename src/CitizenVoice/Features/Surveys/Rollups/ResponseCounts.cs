using System.Data.Common;
using CitizenVoice.Features.Organisation;

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// What writers of responses tell the rollups: the counts of a set of responses added (or of deleted ones taken out),
/// summed in memory so a rollup row touched by many of them is written once, then written in the caller's transaction,
/// with the responses themselves, so a committed response is always counted. The survey writer writes the daily rows
/// now and leaves the rest to <see cref="PendingRollupFold"/> (<c>foldLater</c>); everyone else writes every row at once.
/// </summary>
public sealed class ResponseCounts
{
    private readonly RollupSums _sums;
    private readonly bool _foldLater;

    /// <param name="foldLater">
    /// Write only the daily rows and one pending row; the fold adds the rows by month and by day about once a second.
    /// For the survey writer, whose batches would otherwise all queue on the same district and province rows.
    /// </param>
    public ResponseCounts(bool foldLater = false)
    {
        _foldLater = foldLater;
        _sums = new RollupSums(dailyOnly: foldLater);
    }

    /// <summary>The ids in a unit path ("/1/4/37/" → 1, 4, 37): a response's unit and every unit above it.</summary>
    public static int[] Lineage(string unitPath) => RollupRule.Lineage(unitPath);

    /// <summary>Counts a stored response; <paramref name="lineage"/> and <paramref name="level"/> are its unit's now.</summary>
    public void Add(SurveyResponse response, int[] lineage, UnitLevel level) => Add(response, lineage, level, +1);

    /// <summary>Takes a deleted response out of every row it counted in.</summary>
    public void Remove(SurveyResponse response, int[] lineage, UnitLevel level) => Add(response, lineage, level, -1);

    /// <summary>Counts one response given as its dimensions and its scaled answers (question, value): for bulk loads that never build a <see cref="SurveyResponse"/>.</summary>
    public void Add(in RollupCell cell, IEnumerable<(int QuestionId, int Value)> answers) => _sums.Add(cell, answers, +1);

    private void Add(SurveyResponse response, int[] lineage, UnitLevel level, int delta) =>
        _sums.Add(new RollupCell(response.UnitId, lineage, level, response.Day, response.FieldId, response.ProcedureId ?? 0, (int)response.Channel, response.RespondentType),
            response.Answers.Where(a => a.Value is not null).Select(a => (a.QuestionId, a.Value!.Value)), delta);

    /// <summary>Adds the counts to the stored rows in <paramref name="transaction"/> (the one that stores or deletes the responses).</summary>
    public Task WriteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct = default) => _foldLater
        ? RollupStore.WriteDailyAndPendingAsync(_sums, connection, transaction, ct)
        : RollupStore.WriteAsync(_sums, connection, transaction, ct);
}
