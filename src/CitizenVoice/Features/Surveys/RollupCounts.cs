using System.Data.Common;
using System.Globalization;
using CitizenVoice.Data;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Rollup increments for a set of responses — the daily answer counts (<see cref="SatisfactionRollup"/>), the daily
/// response counts (<see cref="ResponseRollup"/>) and the monthly own and subtree counts (<see cref="MonthlyRollup"/>)
/// — summed in memory, so a rollup row touched by many responses of the set is written once. Written as upserts in the
/// caller's transaction, always in the same order, so concurrent writers lock shared rows in the same order.
/// </summary>
public sealed class RollupCounts
{
    /// <summary>The dimensions a response is counted under; <see cref="Lineage"/> is its unit and every unit above.</summary>
    public readonly record struct Cell(int UnitId, int[] Lineage, DateOnly Day, int FieldId, int ProcedureId, int Channel, int RespondentType);

    private readonly Dictionary<(int UnitId, DateOnly Day, int FieldId, int ProcedureId, int Channel, int RespondentType), long> _responses = [];
    private readonly Dictionary<(int UnitId, DateOnly Day, int FieldId, int ProcedureId, int Channel, int RespondentType, int QuestionId, int Value), long> _answers = [];
    private readonly Dictionary<(int UnitId, int Scope, DateOnly Month, int FieldId, int QuestionId, int Value), long> _monthly = [];

    /// <summary>The ids in a unit path ("/1/4/37/" → 1, 4, 37): the unit and every unit above it.</summary>
    public static int[] Lineage(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture))];

    public static Cell CellOf(SurveyResponse response, int[] lineage) =>
        new(response.UnitId, lineage, response.Day, response.FieldId, response.ProcedureId ?? 0, (int)response.Channel, response.RespondentType);

    /// <summary>Counts a response and its scaled answers (<paramref name="delta"/> −1 takes a deleted one out).</summary>
    public void Add(SurveyResponse response, int[] lineage, int delta)
    {
        var cell = CellOf(response, lineage);
        AddResponse(cell, delta);
        foreach (var answer in response.Answers)
        {
            if (answer.Value is { } value)
            {
                AddAnswer(cell, answer.QuestionId, value, delta);
            }
        }
    }

    public void AddResponse(in Cell cell, int delta)
    {
        var key = (cell.UnitId, cell.Day, cell.FieldId, cell.ProcedureId, cell.Channel, cell.RespondentType);
        _responses[key] = _responses.GetValueOrDefault(key) + delta;
        AddMonthly(cell, 0, 0, delta);
    }

    public void AddAnswer(in Cell cell, int questionId, int value, int delta)
    {
        var key = (cell.UnitId, cell.Day, cell.FieldId, cell.ProcedureId, cell.Channel, cell.RespondentType, questionId, value);
        _answers[key] = _answers.GetValueOrDefault(key) + delta;
        AddMonthly(cell, questionId, value, delta);
    }

    // Monthly rows: question 0 / value 0 is the response count. Own rows for the unit; tree rows for it and each unit above.
    private void AddMonthly(in Cell cell, int questionId, int value, int delta)
    {
        var month = new DateOnly(cell.Day.Year, cell.Day.Month, 1);
        var own = (cell.UnitId, MonthlyRollup.Own, month, cell.FieldId, questionId, value);
        _monthly[own] = _monthly.GetValueOrDefault(own) + delta;
        foreach (var unitId in cell.Lineage)
        {
            var tree = (unitId, MonthlyRollup.Tree, month, cell.FieldId, questionId, value);
            _monthly[tree] = _monthly.GetValueOrDefault(tree) + delta;
        }
    }

    public async Task WriteAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await BulkRows.WriteAsync(connection, transaction, ResponseRollupConfiguration.Table,
            ["UnitId", "Day", "FieldId", "ProcedureId", "Channel", "RespondentType", "Count"],
            _responses.Where(r => r.Value != 0).OrderBy(r => r.Key)
                .Select(r => new object?[] { r.Key.UnitId, r.Key.Day, r.Key.FieldId, r.Key.ProcedureId, r.Key.Channel, r.Key.RespondentType, r.Value }),
            AddUp(ResponseRollupConfiguration.Table, "\"UnitId\", \"Day\", \"FieldId\", \"ProcedureId\", \"Channel\", \"RespondentType\""), ct);
        await BulkRows.WriteAsync(connection, transaction, SatisfactionRollupConfiguration.Table,
            ["UnitId", "Day", "FieldId", "ProcedureId", "Channel", "RespondentType", "QuestionId", "Value", "Count"],
            _answers.Where(r => r.Value != 0).OrderBy(r => r.Key)
                .Select(r => new object?[] { r.Key.UnitId, r.Key.Day, r.Key.FieldId, r.Key.ProcedureId, r.Key.Channel, r.Key.RespondentType, r.Key.QuestionId, r.Key.Value, r.Value }),
            AddUp(SatisfactionRollupConfiguration.Table, "\"UnitId\", \"Day\", \"FieldId\", \"ProcedureId\", \"Channel\", \"RespondentType\", \"QuestionId\", \"Value\""), ct);
        await BulkRows.WriteAsync(connection, transaction, MonthlyRollupConfiguration.Table,
            ["UnitId", "Scope", "Month", "FieldId", "QuestionId", "Value", "Count"],
            // The subtree rows of districts and the province are shared by nearly every batch: they go last, so a
            // writer holds their locks only for the moment before it commits.
            _monthly.Where(r => r.Value != 0).OrderBy(r => r.Key.Scope).ThenByDescending(r => r.Key.UnitId).ThenBy(r => r.Key)
                .Select(r => new object?[] { r.Key.UnitId, r.Key.Scope, r.Key.Month, r.Key.FieldId, r.Key.QuestionId, r.Key.Value, r.Value }),
            AddUp(MonthlyRollupConfiguration.Table, "\"UnitId\", \"Scope\", \"Month\", \"FieldId\", \"QuestionId\", \"Value\""), ct);
    }

    private static string AddUp(string table, string key) => $"({key}) DO UPDATE SET \"Count\" = \"{table}\".\"Count\" + excluded.\"Count\"";
}
