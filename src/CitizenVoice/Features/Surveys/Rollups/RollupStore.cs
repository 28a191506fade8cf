using System.Data.Common;
using CitizenVoice.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using RowKey = (int UnitId, CitizenVoice.Features.Surveys.Rollups.RollupScope Scope, System.DateOnly Period, int FieldId, int Channel, int RespondentType, int ProcedureId);

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// Writes summed increments (<see cref="RollupSums"/>) into the rollup tables, in the caller's transaction, each row's
/// increment added to the stored row, always in the same order, so concurrent writers lock shared rows in the same
/// order. A set of responses touches a few rows per unit of its lineage, not a row per question: each row carries all
/// its answer counts packed (<see cref="AnswerCounts"/>).
/// </summary>
internal static class RollupStore
{
    private static object[] KeyValues(RowKey k) => [k.UnitId, (int)k.Scope, k.Period, k.FieldId, k.Channel, k.RespondentType, k.ProcedureId];

    /// <summary>
    /// SQLite: the rollup rows as they will be once <paramref name="sums"/> are added, read in <paramref name="snapshot"/>
    /// (a read transaction, which does not block the writer): the fold then writes finished rows
    /// (<see cref="WriteTotalsAsync"/>) and holds the write lock only for that, with no merge in it.
    /// </summary>
    public static List<object?[]> Totals(RollupSums sums, SqliteConnection connection, SqliteTransaction snapshot)
    {
        using var read = connection.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = $"SELECT \"Responses\", \"Answers\" FROM \"{RollupRowConfiguration.Table}\" WHERE "
            + string.Join(" AND ", RollupRowConfiguration.KeyColumns.Select((column, i) => $"\"{column}\" = $k{i}"));
        var parameters = RollupRowConfiguration.KeyColumns.Select((_, i) => read.Parameters.Add(new SqliteParameter { ParameterName = "$k" + i })).ToArray();
        read.Prepare();
        var totals = new List<object?[]>(sums.Rows.Count);
        foreach (var (key, sum) in sums.Rows.OrderBy(r => r.Key))
        {
            var values = KeyValues(key);
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = BulkRows.SqliteValue(values[i]);
            }

            var (responses, answers) = (sum.Responses, sum.AnswersText());
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

    /// <summary>SQLite: writes finished rows (<see cref="Totals"/>) over the stored ones, and advances the epoch.</summary>
    public static async Task WriteTotalsAsync(SqliteConnection connection, SqliteTransaction transaction, List<object?[]> totals, CancellationToken ct)
    {
        var key = RollupRowConfiguration.KeyColumns;
        await BulkRows.WriteAsync(connection, transaction, RollupRowConfiguration.Table, [.. key, "Responses", "Answers"], totals,
            $"({string.Join(", ", key.Select(c => $"\"{c}\""))}) DO UPDATE SET \"Responses\" = excluded.\"Responses\", \"Answers\" = excluded.\"Answers\"", ct);
        await RollupEpoch.AdvanceAsync(connection, transaction, ct);
    }

    /// <summary>
    /// The writer's part: the daily rows, and one pending row with the same increments for the fold (written first: on
    /// PostgreSQL every transaction takes the pending, daily and rollup tables in that order, so none waits for another
    /// in a circle).
    /// </summary>
    public static async Task WriteDailyAndPendingAsync(RollupSums sums, DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        if (sums.Daily.Count > 0)
        {
            await BulkRows.WriteAsync(connection, transaction, PendingRollupConfiguration.Table, ["Increments"], [[PendingIncrements.Format(sums.Daily)]], ct: ct);
        }

        await WriteDailyAsync(sums, connection, transaction, ct);
    }

    /// <summary>Every row at once: the daily rows, then the others.</summary>
    public static async Task WriteAsync(RollupSums sums, DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await WriteDailyAsync(sums, connection, transaction, ct);
        var rows = sums.Rows.Where(r => !r.Value.IsEmpty).ToList();
        await WriteAsync(connection, transaction, RollupRowConfiguration.Table, RollupRowConfiguration.KeyColumns,
            // PostgreSQL: the subtree rows of districts and the province are shared by nearly every batch: they go last,
            // so a writer holds their locks only for the moment before it commits. SQLite has one writer at a time, so
            // no lock order to keep: the rows go in the key's order, each insert next to the one before in the key's
            // index (a national tree's batch of a day adds a hundred thousand rows all over it otherwise).
            (connection is SqliteConnection ? rows.OrderBy(r => r.Key) : rows.OrderBy(r => r.Key.Scope).ThenByDescending(r => r.Key.UnitId).ThenBy(r => r.Key))
                .Select(r => (KeyValues(r.Key), r.Value)).ToList(), ct);
        if (rows.Count > 0 && connection is SqliteConnection sqlite)
        {
            // The SQLite fold reads rows outside the write lock: a change of them by anyone else must make it read again.
            await RollupEpoch.AdvanceAsync(sqlite, transaction, ct);
        }
    }

    private static async Task WriteDailyAsync(RollupSums sums, DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        string[] dailyKey = ["UnitId", "Day", "FieldId", "ProcedureId", "Channel", "RespondentType"];
        await WriteAsync(connection, transaction, DailyRollupConfiguration.Table, dailyKey,
            sums.Daily.Where(r => !r.Value.IsEmpty).OrderBy(r => r.Key)
                .Select(r => (new object[] { r.Key.UnitId, r.Key.Day, r.Key.FieldId, r.Key.ProcedureId, r.Key.Channel, r.Key.RespondentType }, r.Value)).ToList(), ct);
    }

    /// <summary>Adds each row's increments to the stored row, creating it if it does not exist yet.</summary>
    private static async Task WriteAsync(DbConnection connection, DbTransaction? transaction, string table, string[] key, List<(object[] Key, RollupSum Sum)> rows, CancellationToken ct)
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
                rows.Select(r => (object?[])[.. r.Key, r.Sum.Responses, r.Sum.AnswersText()]),
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
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, string[] key, string keyList, List<(object[] Key, RollupSum Sum)> rows, CancellationToken ct)
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
        var texts = rows.Select(r => r.Sum.AnswersText()).ToArray();
        upsert.Parameters.Add(new NpgsqlParameter("a", texts));
        var increments = rows.Select((r, i) => (r, i)).ToDictionary(x => KeyText(x.r.Key), x => texts[x.i]);
        var merged = new List<(object[] Key, string Answers)>();
        await using (var reader = await upsert.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (!reader.GetBoolean(key.Length))
                {
                    // The row existed: its stored answers (the increment is not in them yet) plus the increment.
                    var rowKey = key.Select((_, c) => rows[0].Key[c] is DateOnly ? reader.GetFieldValue<DateOnly>(c) : (object)reader.GetInt32(c)).ToArray();
                    merged.Add((rowKey, AnswerCounts.Merge(reader.GetString(key.Length + 1), increments[KeyText(rowKey)])));
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
