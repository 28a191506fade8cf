using System.Data.Common;
using System.Globalization;
using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.Data.Sqlite;
using Npgsql;
using MonthlyKey = (int UnitId, int Scope, System.DateOnly Month, int FieldId, int Channel, int RespondentType, int ProcedureId);

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Rollup increments for a set of responses — the daily rows (<see cref="DailyRollup"/>), and the monthly and by-day
/// rows by unit, subtree and level below (<see cref="MonthlyRollup"/>) — summed in memory, so a rollup row touched by
/// many responses of the set is written once, and each row carries all its answer counts packed
/// (<see cref="AnswerCounts"/>): a response touches a few rows per unit of its lineage, not a row per question. Written
/// in the caller's transaction, always in the same order, so concurrent writers lock shared rows in the same order.
/// </summary>
public sealed class RollupCounts
{
    /// <summary>The dimensions a response is counted under; <see cref="Lineage"/> is its unit and every unit above, <see cref="Level"/> its unit's level.</summary>
    public readonly record struct Cell(int UnitId, int[] Lineage, UnitLevel Level, DateOnly Day, int FieldId, int ProcedureId, int Channel, int RespondentType);

    private sealed class Sum
    {
        public long Responses;
        public readonly AnswerCounts Answers = new();
    }

    private readonly Dictionary<(int UnitId, DateOnly Day, int FieldId, int ProcedureId, int Channel, int RespondentType), Sum> _daily = [];
    private readonly Dictionary<MonthlyKey, Sum> _monthly = [];

    /// <summary>The monthly table's key columns, in the order of a monthly key's values (<see cref="KeyValues"/>).</summary>
    private static readonly string[] MonthlyKeyColumns = ["UnitId", "Scope", "Month", "FieldId", "Channel", "RespondentType", "ProcedureId"];

    private static object[] KeyValues(MonthlyKey k) => [k.UnitId, k.Scope, k.Month, k.FieldId, k.Channel, k.RespondentType, k.ProcedureId];
    private readonly bool _dailyOnly;

    /// <param name="dailyOnly">Count only the daily rows: the survey writer leaves the others to <see cref="RollupFolder"/>.</param>
    public RollupCounts(bool dailyOnly = false) => _dailyOnly = dailyOnly;

    /// <summary>The summed daily rows, for the check.</summary>
    public IEnumerable<((int UnitId, DateOnly Day, int FieldId, int ProcedureId, int Channel, int RespondentType) Key, long Responses, AnswerCounts Answers)> DailyRows =>
        _daily.Select(r => (r.Key, r.Value.Responses, r.Value.Answers));

    /// <summary>The summed monthly and by-day rows, for the check.</summary>
    public IEnumerable<(MonthlyKey Key, long Responses, AnswerCounts Answers)> MonthlyRows =>
        _monthly.Select(r => (r.Key, r.Value.Responses, r.Value.Answers));

    /// <summary>The ids in a unit path ("/1/4/37/" → 1, 4, 37): the unit and every unit above it.</summary>
    public static int[] Lineage(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture))];

    /// <summary>Counts a response and its scaled answers (<paramref name="delta"/> −1 takes a deleted one out).</summary>
    public void Add(SurveyResponse response, int[] lineage, UnitLevel level, int delta) =>
        Add(new Cell(response.UnitId, lineage, level, response.Day, response.FieldId, response.ProcedureId ?? 0, (int)response.Channel, response.RespondentType),
            response.Answers.Where(a => a.Value is not null).Select(a => (a.QuestionId, a.Value!.Value)), delta);

    /// <summary>
    /// The monthly rows a unit's responses count in: the unit's own row, a subtree row for the unit and each unit
    /// above it, and for each unit above it the row of units of the unit's level below it. The writer, a move and the
    /// check all follow this one rule.
    /// </summary>
    public static IEnumerable<(int UnitId, int Scope)> MonthlyRowsOf(int unitId, int[] lineage, UnitLevel level)
    {
        yield return (unitId, MonthlyRollup.Own);
        foreach (var unit in lineage)
        {
            yield return (unit, MonthlyRollup.Tree);
        }

        foreach (var above in lineage[..^1])
        {
            yield return (above, MonthlyRollup.Below(level));
        }
    }

    /// <summary>
    /// Every monthly-table row a unit's counts of one day go to: its monthly rows (<see cref="MonthlyRowsOf"/>) and
    /// <paramref name="withDays"/> its rows by day (<see cref="DayRowsOf"/>), each split by channel and respondent type
    /// and again as the twin for all channels.
    /// </summary>
    private static IEnumerable<MonthlyKey> MonthlyKeysOf(
        int ownUnitId, int[] lineage, UnitLevel level, DateOnly day, int fieldId, int channel, int respondentType, int procedureId, bool withDays)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        var rows = MonthlyRowsOf(ownUnitId, lineage, level).Select(r => (r.UnitId, r.Scope, Month: month));
        if (withDays)
        {
            rows = rows.Concat(DayRowsOf(lineage, level).Select(r => (r.UnitId, r.Scope, Month: day)));
        }

        foreach (var (unitId, scope, monthOrDay) in rows)
        {
            foreach (var (c, r) in SplitAndAll(channel, respondentType))
            {
                yield return (unitId, scope, monthOrDay, fieldId, c, r, 0);
            }
        }

        foreach (var key in ProcedureKeysOf(ownUnitId, lineage, month, fieldId, procedureId))
        {
            yield return key;
        }
    }

    /// <summary>
    /// The monthly rows of one procedure a unit's responses about it count in: the unit's own, and a subtree row for
    /// the unit and each unit above it, for all channels (<see cref="MonthlyRollup.ProcedureOwn"/>,
    /// <see cref="MonthlyRollup.ProcedureTree"/>). A province's year for a busy procedure is then a dozen rows, not
    /// the 137,000 daily rows it took at 10 M responses (about 200 ms).
    /// </summary>
    private static IEnumerable<MonthlyKey> ProcedureKeysOf(int ownUnitId, int[] lineage, DateOnly month, int fieldId, int procedureId)
    {
        if (procedureId == 0)
        {
            yield break;
        }

        yield return (ownUnitId, MonthlyRollup.ProcedureOwn, month, fieldId, (int)MonthlyRollup.AllChannels, 0, procedureId);
        foreach (var unit in lineage)
        {
            yield return (unit, MonthlyRollup.ProcedureTree, month, fieldId, (int)MonthlyRollup.AllChannels, 0, procedureId);
        }
    }

    /// <summary>The two versions of every monthly-table row: split by channel and respondent type, and the twin for all of them.</summary>
    public static (int Channel, int RespondentType)[] SplitAndAll(int channel, int respondentType) =>
        [(channel, respondentType), ((int)MonthlyRollup.AllChannels, 0)];

    /// <summary>Counts one response of <paramref name="cell"/> with its scaled answers (question, value).</summary>
    public void Add(in Cell cell, IEnumerable<(int QuestionId, int Value)> answers, int delta)
    {
        var sums = new List<Sum> { SumOf(_daily, (cell.UnitId, cell.Day, cell.FieldId, cell.ProcedureId, cell.Channel, cell.RespondentType)) };
        if (!_dailyOnly)
        {
            sums.AddRange(MonthlyKeysOf(cell.UnitId, cell.Lineage, cell.Level, cell.Day, cell.FieldId, cell.Channel, cell.RespondentType, cell.ProcedureId, withDays: true)
                .Select(key => SumOf(_monthly, key)));
        }

        foreach (var sum in sums)
        {
            sum.Responses += delta;
        }

        foreach (var (questionId, value) in answers)
        {
            foreach (var sum in sums)
            {
                sum.Answers.Add(questionId, value, delta);
            }
        }
    }

    /// <summary>
    /// Adds (or with <paramref name="sign"/> −1 takes out) a unit's own monthly row (one split by channel and respondent
    /// type) to every monthly row it counts in under <paramref name="lineage"/>, and to their twins for all channels:
    /// taken out under the old lineage and added under the new, it moves a unit's history.
    /// </summary>
    public void AddMonthly(MonthlyRollup own, int[] lineage, UnitLevel level, int sign)
    {
        var counts = AnswerCounts.Parse(own.Answers).ToList();
        var keys = own.Scope == MonthlyRollup.ProcedureOwn
            ? ProcedureKeysOf(own.UnitId, lineage, own.Month, own.FieldId, own.ProcedureId)
            : MonthlyKeysOf(own.UnitId, lineage, level, own.Month, own.FieldId, (int)own.Channel, own.RespondentType, procedureId: 0, withDays: false);
        foreach (var key in keys)
        {
            Add(key, own.Responses, counts, sign);
        }
    }

    /// <summary>
    /// Adds a daily row to every monthly and by-day row its unit's responses count in: how those rows are rebuilt from
    /// the daily ones.
    /// </summary>
    public void AddMonthly(DailyRollup day, int[] lineage, UnitLevel level)
    {
        var counts = AnswerCounts.Parse(day.Answers).ToList();
        foreach (var key in MonthlyKeysOf(day.UnitId, lineage, level, day.Day, day.FieldId, (int)day.Channel, day.RespondentType, day.ProcedureId, withDays: true))
        {
            Add(key, day.Responses, counts, +1);
        }
    }

    /// <summary>
    /// The rows by day a unit's responses count in: a subtree row for the unit and each unit above it, and for each
    /// unit above it the row of units of the unit's level below it.
    /// </summary>
    public static IEnumerable<(int UnitId, int Scope)> DayRowsOf(int[] lineage, UnitLevel level)
    {
        foreach (var unit in lineage)
        {
            yield return (unit, MonthlyRollup.TreeDay);
        }

        foreach (var above in lineage[..^1])
        {
            yield return (above, MonthlyRollup.BelowDay(level));
        }
    }

    /// <summary>
    /// Adds (or with <paramref name="sign"/> −1 takes out) a day's counts to the row of <paramref name="scope"/>, channel
    /// and respondent type of each of <paramref name="ancestors"/>: how a move shifts the days of a whole subtree from its
    /// old ancestors to its new ones.
    /// </summary>
    public void AddDay(int scope, DateOnly day, int fieldId, int channel, int respondentType, long responses, string answers, IEnumerable<int> ancestors, int sign)
    {
        var counts = AnswerCounts.Parse(answers).ToList();
        foreach (var unitId in ancestors)
        {
            Add((unitId, scope, day, fieldId, channel, respondentType, 0), responses, counts, sign);
        }
    }

    private void Add(MonthlyKey key, long responses, List<(int QuestionId, int Value, long Count)> counts, int sign)
    {
        var sum = SumOf(_monthly, key);
        sum.Responses += sign * responses;
        foreach (var (questionId, value, count) in counts)
        {
            sum.Answers.Add(questionId, value, sign * count);
        }
    }

    private static Sum SumOf<TKey>(Dictionary<TKey, Sum> sums, TKey key) where TKey : notnull
    {
        if (!sums.TryGetValue(key, out var sum))
        {
            sums[key] = sum = new Sum();
        }

        return sum;
    }

    /// <summary>
    /// The daily increments as text, a row per line (unit, day number, field, procedure, channel, respondent type,
    /// responses, packed answers): what the survey writer leaves for <see cref="RollupFolder"/>, which counts them into
    /// the monthly and by-day rows under the units' ancestors at the time it folds (a move folds first).
    /// </summary>
    public string PendingText()
    {
        var text = new StringBuilder();
        foreach (var (key, sum) in _daily)
        {
            text.Append(CultureInfo.InvariantCulture, $"{key.UnitId},{key.Day.DayNumber},{key.FieldId},{key.ProcedureId},{key.Channel},{key.RespondentType},{sum.Responses},{sum.Answers}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// Counts batches' pending daily increments (<see cref="PendingText"/>) into the monthly and by-day rows. They are
    /// summed by daily key first: a second's batches repeat the same few hundred keys, each of which then fans out
    /// to its twenty-odd monthly rows once instead of once per batch.
    /// </summary>
    public void AddPending(IEnumerable<string> texts, IReadOnlyDictionary<int, (int[] Lineage, UnitLevel Level)> units)
    {
        var days = new RollupCounts(dailyOnly: true);
        foreach (var text in texts)
        {
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split(',');
                int Int(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
                var sum = SumOf(days._daily, (Int(0), DateOnly.FromDayNumber(Int(1)), Int(2), Int(3), Int(4), Int(5)));
                sum.Responses += long.Parse(f[6], CultureInfo.InvariantCulture);
                sum.Answers.Add(f[7]);
            }
        }

        foreach (var (key, sum) in days._daily)
        {
            var (lineage, level) = units[key.UnitId];
            var counts = sum.Answers.Entries.ToList();
            foreach (var monthly in MonthlyKeysOf(key.UnitId, lineage, level, key.Day, key.FieldId, key.Channel, key.RespondentType, key.ProcedureId, withDays: true))
            {
                Add(monthly, sum.Responses, counts, +1);
            }
        }
    }

    /// <summary>
    /// SQLite: the monthly and by-day rows as they will be once these increments are added, read in
    /// <paramref name="snapshot"/> (a read transaction, which does not block the writer): the folder then writes
    /// finished rows (<see cref="WriteMonthlyTotalsAsync"/>) and holds the write lock only for that, with no merge in it.
    /// </summary>
    public List<object?[]> MonthlyTotals(SqliteConnection connection, SqliteTransaction snapshot)
    {
        using var read = connection.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT \"Responses\", \"Answers\" FROM \"{MonthlyRollupConfiguration.Table}\" WHERE "
            + string.Join(" AND ", MonthlyKeyColumns.Select((column, i) => $"\"{column}\" = $k{i}"));
        var parameters = MonthlyKeyColumns.Select((_, i) => read.Parameters.Add(new SqliteParameter { ParameterName = "$k" + i })).ToArray();
        read.Prepare();
        var totals = new List<object?[]>(_monthly.Count);
        foreach (var (key, sum) in _monthly.OrderBy(r => r.Key))
        {
            var values = KeyValues(key);
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = BulkRows.SqliteValue(values[i]);
            }

            var (responses, answers) = (sum.Responses, sum.Answers.ToString());
            using (var reader = read.ExecuteReader())
            {
                if (reader.Read())
                {
                    responses += reader.GetInt64(0);
                    answers = AnswerCounts.Merge(reader.GetString(1), answers);
                }
            }

            totals.Add([.. values, responses, answers]);
        }

        return totals;
    }

    /// <summary>SQLite: writes finished monthly rows (<see cref="MonthlyTotals"/>) over the stored ones.</summary>
    public static async Task WriteMonthlyTotalsAsync(SqliteConnection connection, SqliteTransaction transaction, List<object?[]> totals, CancellationToken ct)
    {
        await BulkRows.WriteAsync(connection, transaction, MonthlyRollupConfiguration.Table, [.. MonthlyKeyColumns, "Responses", "Answers"], totals,
            $"({string.Join(", ", MonthlyKeyColumns.Select(c => $"\"{c}\""))}) DO UPDATE SET \"Responses\" = excluded.\"Responses\", \"Answers\" = excluded.\"Answers\"", ct);
        await RollupFolder.NextEpochAsync(connection, transaction, ct);
    }

    /// <summary>
    /// The daily rows, and one pending row with the same increments for the folder (written first: on PostgreSQL every
    /// transaction takes the pending, daily and monthly tables in that order, so none waits for another in a circle).
    /// </summary>
    public async Task WriteDailyAndPendingAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        if (_daily.Count > 0)
        {
            await BulkRows.WriteAsync(connection, transaction, PendingRollupConfiguration.Table, ["Increments"], [[PendingText()]], ct: ct);
        }

        await WriteDailyAsync(connection, transaction, ct);
    }

    public async Task WriteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await WriteDailyAsync(connection, transaction, ct);
        var monthly = _monthly.Where(r => r.Value.Responses != 0 || !r.Value.Answers.IsEmpty).ToList();
        await WriteAsync(connection, transaction, MonthlyRollupConfiguration.Table, MonthlyKeyColumns,
            // The subtree rows of districts and the province are shared by nearly every batch: they go last, so a
            // writer holds their locks only for the moment before it commits.
            monthly.OrderBy(r => r.Key.Scope).ThenByDescending(r => r.Key.UnitId).ThenBy(r => r.Key)
                .Select(r => (KeyValues(r.Key), r.Value)).ToList(), ct);
        if (monthly.Count > 0 && connection is SqliteConnection sqlite)
        {
            // The SQLite folder reads rows outside the write lock: a change of them by anyone else must make it read again.
            await RollupFolder.NextEpochAsync(sqlite, transaction, ct);
        }
    }

    private async Task WriteDailyAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        string[] dailyKey = ["UnitId", "Day", "FieldId", "ProcedureId", "Channel", "RespondentType"];
        await WriteAsync(connection, transaction, DailyRollupConfiguration.Table, dailyKey,
            _daily.Where(r => r.Value.Responses != 0 || !r.Value.Answers.IsEmpty).OrderBy(r => r.Key)
                .Select(r => (new object[] { r.Key.UnitId, r.Key.Day, r.Key.FieldId, r.Key.ProcedureId, r.Key.Channel, r.Key.RespondentType }, r.Value)).ToList(), ct);
    }

    /// <summary>Adds each row's increments to the stored row, creating it if it does not exist yet.</summary>
    private static async Task WriteAsync(DbConnection connection, DbTransaction? transaction, string table, string[] key, List<(object[] Key, Sum Sum)> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var keyList = string.Join(", ", key.Select(c => $"\"{c}\""));
        if (connection is SqliteConnection sqlite)
        {
            // SQLite runs the merge in this process: the packed texts are added by a function of ours, in one upsert.
            sqlite.CreateFunction<string?, string?, string>(MergeFunction, AnswerCounts.Merge, isDeterministic: true);
            await BulkRows.WriteAsync(connection, transaction, table, [.. key, "Responses", "Answers"],
                rows.Select(r => (object?[])[.. r.Key, r.Sum.Responses, r.Sum.Answers.ToString()]),
                $"({keyList}) DO UPDATE SET \"Responses\" = \"{table}\".\"Responses\" + excluded.\"Responses\", "
                + $"\"Answers\" = {MergeFunction}(\"{table}\".\"Answers\", excluded.\"Answers\")", ct);
            return;
        }

        await MergePostgresAsync((NpgsqlConnection)connection, (NpgsqlTransaction?)transaction, table, key, keyList, rows, ct);
    }

    private const string MergeFunction = "cv_add_answer_counts";

    /// <summary>
    /// PostgreSQL: one statement inserts the rows that are new and locks the ones that exist (in the order given, as every
    /// writer does, so writers never deadlock), returning their stored answers; a second adds the increments to those.
    /// The packed texts are merged here rather than in SQL, where it costs a hundred times more.
    /// </summary>
    private static async Task MergePostgresAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, string[] key, string keyList, List<(object[] Key, Sum Sum)> rows, CancellationToken ct)
    {
        var names = string.Join(", ", key.Select((_, c) => "k" + c));
        var arrays = string.Join(", ", key.Select((_, c) => "@k" + c));
        await using var upsert = new NpgsqlCommand(
            $"INSERT INTO \"{table}\" AS t ({keyList}, \"Responses\", \"Answers\") "
            + $"SELECT {names}, r, a FROM unnest({arrays}, @r, @a) WITH ORDINALITY AS u({names}, r, a, n) ORDER BY n "
            + $"ON CONFLICT ({keyList}) DO UPDATE SET \"Responses\" = t.\"Responses\" + excluded.\"Responses\" "
            + $"RETURNING {keyList}, (t.xmax = 0) AS inserted, t.\"Answers\"", connection, transaction);
        upsert.Parameters.AddRange(KeyArrays(rows.Select(r => r.Key).ToList()));
        upsert.Parameters.Add(new NpgsqlParameter("r", rows.Select(r => r.Sum.Responses).ToArray()));
        upsert.Parameters.Add(new NpgsqlParameter("a", rows.Select(r => r.Sum.Answers.ToString()).ToArray()));
        var increments = rows.ToDictionary(r => KeyText(r.Key), r => r.Sum.Answers);
        var merged = new List<(object[] Key, string Answers)>();
        await using (var reader = await upsert.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (!reader.GetBoolean(key.Length))
                {
                    // The row existed: its stored answers (the increment is not in them yet) plus the increment.
                    var rowKey = key.Select((_, c) => rows[0].Key[c] is DateOnly ? reader.GetFieldValue<DateOnly>(c) : (object)reader.GetInt32(c)).ToArray();
                    merged.Add((rowKey, AnswerCounts.Merge(reader.GetString(key.Length + 1), increments[KeyText(rowKey)].ToString())));
                }
            }
        }

        if (merged.Count > 0)
        {
            await using var update = new NpgsqlCommand(
                $"UPDATE \"{table}\" AS t SET \"Answers\" = u.a FROM unnest({arrays}, @a) AS u({names}, a) WHERE "
                + string.Join(" AND ", key.Select((column, c) => $"t.\"{column}\" = u.k{c}")), connection, transaction);
            update.Parameters.AddRange(KeyArrays(merged.Select(m => m.Key).ToList()));
            update.Parameters.Add(new NpgsqlParameter("a", merged.Select(m => m.Answers).ToArray()));
            await update.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>One array parameter per key column (@k0, @k1, …): dates or integers.</summary>
    private static NpgsqlParameter[] KeyArrays(List<object[]> keys) =>
    [
        .. keys[0].Select((first, c) => new NpgsqlParameter("k" + c, first is DateOnly
            ? keys.Select(k => (DateOnly)k[c]).ToArray()
            : (object)keys.Select(k => (int)k[c]).ToArray())),
    ];

    private static string KeyText(object[] key) => string.Join('|', key.Select(k => k is DateOnly d ? d.DayNumber : (int)k));
}
