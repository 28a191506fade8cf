using System.Globalization;
using CitizenVoice.Features.Organisation;
using RowKey = (int UnitId, CitizenVoice.Features.Surveys.Rollups.RollupScope Scope, System.DateOnly Period, int FieldId, int Channel, int RespondentType, int ProcedureId);

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// Which rollup rows a unit's responses count in. The writer, the fold, a unit move, the rebuild and the check all
/// follow this one rule, so they cannot disagree.
/// </summary>
internal static class RollupRule
{
    /// <summary>The ids in a unit path ("/1/4/37/" → 1, 4, 37): the unit and every unit above it.</summary>
    public static int[] Lineage(string path) =>
        [.. path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => int.Parse(id, CultureInfo.InvariantCulture))];

    /// <summary>
    /// The rows by month a unit's responses count in: the unit's own row, a subtree row for the unit and each unit
    /// above it, and for each unit above it the row of units of the unit's level below it.
    /// </summary>
    public static IEnumerable<(int UnitId, RollupScope Scope)> MonthRowsOf(int unitId, int[] lineage, UnitLevel level)
    {
        yield return (unitId, RollupScope.Own);
        foreach (var unit in lineage)
        {
            yield return (unit, RollupScope.Subtree);
        }

        foreach (var above in lineage[..^1])
        {
            yield return (above, RollupScopes.Below(level));
        }
    }

    /// <summary>
    /// The rows by day a unit's responses count in: a subtree row for the unit and each unit above it, and for each
    /// unit above it the row of units of the unit's level below it. (A unit's own days are its daily rows.)
    /// </summary>
    public static IEnumerable<(int UnitId, RollupScope Scope)> DayRowsOf(int[] lineage, UnitLevel level)
    {
        foreach (var unit in lineage)
        {
            yield return (unit, RollupScope.SubtreeByDay);
        }

        foreach (var above in lineage[..^1])
        {
            yield return (above, RollupScopes.BelowByDay(level));
        }
    }

    /// <summary>
    /// Every rollup row a unit's counts of one day go to: its rows by month (<see cref="MonthRowsOf"/>) and
    /// <paramref name="withDays"/> its rows by day (<see cref="DayRowsOf"/>), each split by channel and respondent type
    /// and again as the twin for all channels, and its procedure's rows (<see cref="ProcedureKeysOf"/>).
    /// </summary>
    public static IEnumerable<RowKey> KeysOf(
        int ownUnitId, int[] lineage, UnitLevel level, DateOnly day, int fieldId, int channel, int respondentType, int procedureId, bool withDays)
    {
        var month = new DateOnly(day.Year, day.Month, 1);
        var rows = MonthRowsOf(ownUnitId, lineage, level).Select(r => (r.UnitId, r.Scope, Period: month));
        if (withDays)
        {
            rows = rows.Concat(DayRowsOf(lineage, level).Select(r => (r.UnitId, r.Scope, Period: day)));
        }

        foreach (var (unitId, scope, period) in rows)
        {
            foreach (var (c, r) in SplitAndAll(channel, respondentType))
            {
                yield return (unitId, scope, period, fieldId, c, r, 0);
            }
        }

        foreach (var key in ProcedureKeysOf(ownUnitId, lineage, month, fieldId, procedureId))
        {
            yield return key;
        }
    }

    /// <summary>
    /// The rows of one procedure a unit's responses about it count in: the unit's own, and a subtree row for the unit
    /// and each unit above it, by month, for all channels. A province's year for a busy procedure is then a dozen rows,
    /// not the 137,000 daily rows it took at 10 M responses (about 200 ms).
    /// </summary>
    public static IEnumerable<RowKey> ProcedureKeysOf(int ownUnitId, int[] lineage, DateOnly month, int fieldId, int procedureId)
    {
        if (procedureId == 0)
        {
            yield break;
        }

        yield return (ownUnitId, RollupScope.ProcedureOwn, month, fieldId, (int)RollupScopes.AllChannels, 0, procedureId);
        foreach (var unit in lineage)
        {
            yield return (unit, RollupScope.ProcedureSubtree, month, fieldId, (int)RollupScopes.AllChannels, 0, procedureId);
        }
    }

    /// <summary>The two versions of every rollup row: split by channel and respondent type, and the twin for all of them.</summary>
    public static (int Channel, int RespondentType)[] SplitAndAll(int channel, int respondentType) =>
        [(channel, respondentType), ((int)RollupScopes.AllChannels, 0)];
}
