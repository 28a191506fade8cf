using System.Text;
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
        "VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}) " +
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

    public static async Task ApplyAsync(AppDb db, SurveyResponse response, int delta, CancellationToken cancellationToken)
    {
        var unitPath = await db.Units.Where(u => u.Id == response.UnitId).Select(u => u.Path).SingleAsync(cancellationToken);
        var monthly = new StringBuilder($"INSERT INTO \"{MonthlyRollupConfiguration.Table}\" (\"UnitId\", \"Scope\", \"Month\", \"FieldId\", \"QuestionId\", \"Value\", \"Count\") VALUES ");
        var monthlyParameters = new List<object>();
        foreach (var key in MonthlyKeys(response, unitPath))
        {
            var p = monthlyParameters.Count;
            monthly.Append(p == 0 ? "" : ", ").Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}})");
            monthlyParameters.AddRange([key.UnitId, key.Scope, key.Month, key.FieldId, key.QuestionId, key.Value, (long)delta]);
        }

        monthly.Append(MonthlyUpsertTail);
        await db.Database.ExecuteSqlRawAsync(monthly.ToString(), monthlyParameters, cancellationToken);

        var procedure = response.ProcedureId ?? 0;
        var channel = (int)response.Channel;
        await db.Database.ExecuteSqlRawAsync(
            ResponseUpsert, [response.UnitId, response.Day, response.FieldId, procedure, channel, response.RespondentType, (long)delta], cancellationToken);

        var rows = response.Answers.Where(a => a.Value is not null).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var t = SatisfactionRollupConfiguration.Table;
        var sql = new StringBuilder($"INSERT INTO \"{t}\" (\"UnitId\", \"Day\", \"FieldId\", \"ProcedureId\", \"Channel\", \"RespondentType\", \"QuestionId\", \"Value\", \"Count\") VALUES ");
        var parameters = new List<object>(rows.Count * 9);
        for (var i = 0; i < rows.Count; i++)
        {
            var p = parameters.Count;
            sql.Append(i == 0 ? "" : ", ").Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}}, {{{p + 7}}}, {{{p + 8}}})");
            parameters.AddRange([response.UnitId, response.Day, response.FieldId, procedure, channel, response.RespondentType, rows[i].QuestionId, rows[i].Value!.Value, (long)delta]);
        }

        sql.Append($" ON CONFLICT (\"UnitId\", \"Day\", \"FieldId\", \"ProcedureId\", \"Channel\", \"RespondentType\", \"QuestionId\", \"Value\") DO UPDATE SET \"Count\" = \"{t}\".\"Count\" + excluded.\"Count\"");
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
    }
}
