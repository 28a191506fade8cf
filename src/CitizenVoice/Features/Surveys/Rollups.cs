using System.Text;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Keeps <see cref="SatisfactionRollup"/> in step with responses. Called inside the response's own transaction: one
/// upsert statement for all its answers, which SQLite and PostgreSQL both understand.
/// </summary>
public static class Rollups
{
    public static async Task ApplyAsync(AppDb db, SurveyResponse response, int delta, CancellationToken cancellationToken)
    {
        var rows = response.Answers.Where(a => a.Value is not null).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var t = SatisfactionRollupConfiguration.Table;
        var sql = new StringBuilder($"INSERT INTO \"{t}\" (\"Day\", \"UnitId\", \"FieldId\", \"Channel\", \"QuestionId\", \"Value\", \"Count\") VALUES ");
        var parameters = new List<object>(rows.Count * 7);
        for (var i = 0; i < rows.Count; i++)
        {
            var p = parameters.Count;
            sql.Append(i == 0 ? "" : ", ").Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}})");
            parameters.AddRange([response.Day, response.UnitId, response.FieldId, response.Channel.ToString(), rows[i].QuestionId, rows[i].Value!.Value, (long)delta]);
        }

        sql.Append($" ON CONFLICT (\"Day\", \"UnitId\", \"FieldId\", \"Channel\", \"QuestionId\", \"Value\") DO UPDATE SET \"Count\" = \"{t}\".\"Count\" + excluded.\"Count\"");
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
    }
}
