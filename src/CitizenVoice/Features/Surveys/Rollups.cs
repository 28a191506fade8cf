using Microsoft.EntityFrameworkCore.Storage;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Keeps <see cref="SatisfactionRollup"/> and <see cref="ResponseRollup"/> in step with responses. Called inside the
/// response's own transaction: one upsert statement for all its answers and one for the response, which SQLite and
/// PostgreSQL both understand.
/// </summary>
public static class Rollups
{
    private static readonly string ResponseUpsert =
        $"INSERT INTO \"{ResponseRollupConfiguration.Table}\" (\"UnitId\", \"Day\", \"FieldId\", \"ProcedureId\", \"Channel\", \"RespondentType\", \"Count\") " +
        "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6) " +
        "ON CONFLICT (\"UnitId\", \"Day\", \"FieldId\", \"ProcedureId\", \"Channel\", \"RespondentType\") " +
        $"DO UPDATE SET \"Count\" = \"{ResponseRollupConfiguration.Table}\".\"Count\" + excluded.\"Count\"";

    private static readonly string MonthlyUpsertTail =
        " ON CONFLICT (\"UnitId\", \"Scope\", \"Month\", \"FieldId\", \"QuestionId\", \"Value\") " +
        $"DO UPDATE SET \"Count\" = \"{MonthlyRollupConfiguration.Table}\".\"Count\" + excluded.\"Count\"";

    /// <summary>The ids in a unit path ("/1/4/37/" → 1, 4, 37): the unit and every unit above it.</summary>
    public static IEnumerable<int> Lineage(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The monthly rows one response adds to: its own unit's, and the tree rows of that unit and each unit above.</summary>
    public static IEnumerable<(int UnitId, int Scope, DateOnly Month, int FieldId, int QuestionId, int Value)> MonthlyKeys(
        SurveyResponse response, string unitPath)
    {
        var month = new DateOnly(response.Day.Year, response.Day.Month, 1);
        var cells = response.Answers.Where(a => a.Value is not null).Select(a => (a.QuestionId, a.Value!.Value)).Prepend((0, 0)).ToList();
        foreach (var (questionId, value) in cells)
        {
            yield return (response.UnitId, MonthlyRollup.Own, month, response.FieldId, questionId, value);
            foreach (var unitId in Lineage(unitPath))
            {
                yield return (unitId, MonthlyRollup.Tree, month, response.FieldId, questionId, value);
            }
        }
    }

    private static readonly string DailyUpsert =
        $"INSERT INTO \"{SatisfactionRollupConfiguration.Table}\" (\"UnitId\", \"Day\", \"FieldId\", \"ProcedureId\", \"Channel\", \"RespondentType\", \"QuestionId\", \"Value\", \"Count\") " +
        "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8) " +
        "ON CONFLICT (\"UnitId\", \"Day\", \"FieldId\", \"ProcedureId\", \"Channel\", \"RespondentType\", \"QuestionId\", \"Value\") " +
        $"DO UPDATE SET \"Count\" = \"{SatisfactionRollupConfiguration.Table}\".\"Count\" + excluded.\"Count\"";

    private static readonly string MonthlyUpsert =
        $"INSERT INTO \"{MonthlyRollupConfiguration.Table}\" (\"UnitId\", \"Scope\", \"Month\", \"FieldId\", \"QuestionId\", \"Value\", \"Count\") " +
        "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)" + MonthlyUpsertTail;

    /// <summary>
    /// Adds <paramref name="delta"/> (+1 or −1) for the response to every rollup row it touches. Must run inside the
    /// caller's transaction. Each statement is prepared once and re-bound per row: on SQLite that is far cheaper than
    /// one statement with hundreds of parameters, and on PostgreSQL the rows go in one batch round trip.
    /// </summary>
    public static async Task ApplyAsync(AppDb db, SurveyResponse response, int delta, CancellationToken cancellationToken)
    {
        var unitPath = await db.Units.Where(u => u.Id == response.UnitId).Select(u => u.Path).SingleAsync(cancellationToken);
        var procedure = response.ProcedureId ?? 0;
        var channel = (int)response.Channel;
        var day = db.Database.IsNpgsql() ? (object)response.Day : response.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var batch = new List<(string Sql, object[] Values)>
        {
            (ResponseUpsert, [response.UnitId, day, response.FieldId, procedure, channel, response.RespondentType, (long)delta]),
        };
        foreach (var answer in response.Answers.Where(a => a.Value is not null))
        {
            batch.Add((DailyUpsert, [response.UnitId, day, response.FieldId, procedure, channel, response.RespondentType, answer.QuestionId, answer.Value!.Value, (long)delta]));
        }

        foreach (var key in MonthlyKeys(response, unitPath))
        {
            var month = db.Database.IsNpgsql() ? (object)key.Month : key.Month.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            batch.Add((MonthlyUpsert, [key.UnitId, key.Scope, month, key.FieldId, key.QuestionId, key.Value, (long)delta]));
        }

        if (connection is Npgsql.NpgsqlConnection npgsql)
        {
            await using var npgsqlBatch = new Npgsql.NpgsqlBatch(npgsql, (Npgsql.NpgsqlTransaction?)transaction);
            foreach (var (sql, values) in batch)
            {
                var command = new Npgsql.NpgsqlBatchCommand(sql);
                for (var i = 0; i < values.Length; i++)
                {
                    command.Parameters.AddWithValue("p" + i, values[i]);
                }

                npgsqlBatch.BatchCommands.Add(command);
            }

            await npgsqlBatch.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        foreach (var group in batch.GroupBy(b => b.Sql))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = group.Key;
            var parameters = group.First().Values.Select((_, i) =>
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                command.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            foreach (var (_, values) in group)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i];
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
