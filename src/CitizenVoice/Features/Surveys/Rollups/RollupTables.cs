using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// The day's counts per unit × field × procedure × channel × respondent type, kept in the same transaction as every
/// response, so reports never scan raw responses: how many responded (<see cref="Responses"/>: the number of people
/// behind an index — answers of one person are not independent, so intervals count people) and how many gave each
/// value to each question (<see cref="Answers"/>, packed by <see cref="AnswerCounts"/>). <see cref="ProcedureId"/> is 0
/// when the response named no procedure (a key column cannot be null). These rows are the record the check compares
/// with the raw responses; every other rollup row can be recomputed from them.
/// </summary>
public sealed class DailyRollup
{
    public DateOnly Day { get; set; }
    public int UnitId { get; set; }
    public int FieldId { get; set; }
    public int ProcedureId { get; set; }
    public SurveyChannel Channel { get; set; }
    public int RespondentType { get; set; }
    public long Responses { get; set; }
    public string Answers { get; set; } = "";
}

/// <summary>
/// Counts summed over more than one unit or more than one day, so a figure reads a few dozen rows instead of every
/// commune's daily rows: what a row counts is its <see cref="Scope"/> (a unit's own responses, its whole subtree, the
/// units of one level below it, one procedure's), over its <see cref="Period"/> (a month, or a day: see
/// <see cref="Granularity"/>). Rows are split by channel and respondent type and come again as the twin for all of
/// them (<see cref="RollupScopes.AllChannels"/>), so a figure without those filters reads one row per unit, period and
/// field. docs/rollups.md describes every scope and why it exists.
/// </summary>
public sealed class RollupRow
{
    public int UnitId { get; set; }
    public RollupScope Scope { get; set; }
    /// <summary>The first day of the month for rows by month; the day itself for rows by day.</summary>
    public DateOnly Period { get; set; }
    public int FieldId { get; set; }
    public SurveyChannel Channel { get; set; }
    public int RespondentType { get; set; }
    /// <summary>0 in every scope but <see cref="RollupScope.ProcedureOwn"/> and <see cref="RollupScope.ProcedureSubtree"/>, whose rows count one procedure.</summary>
    public int ProcedureId { get; set; }
    public long Responses { get; set; }
    /// <summary>Packed by <see cref="AnswerCounts"/>.</summary>
    public string Answers { get; set; } = "";

    /// <summary>Whether <see cref="Period"/> is a month or a day: it follows from the scope, so it is not stored.</summary>
    public RollupGranularity Granularity => RollupScopes.IsByDay(Scope) ? RollupGranularity.Day : RollupGranularity.Month;
}

public enum RollupGranularity
{
    Month,
    Day,
}

/// <summary>
/// What a <see cref="RollupRow"/> counts. Stored as these numbers: the "below" scopes are 10 (by month) or 20 (by day)
/// plus the <see cref="UnitLevel"/> of the units they count, so a level's scope is computed, not looked up.
/// </summary>
public enum RollupScope
{
    /// <summary>The unit's own responses, by month.</summary>
    Own = 0,
    /// <summary>The unit and everything under it (where the units sat when the responses were recorded, or since the last move), by month.</summary>
    Subtree = 1,
    /// <summary>The same by day: the days at either end of a period that is not whole months.</summary>
    SubtreeByDay = 2,
    /// <summary>A unit's own responses about one procedure, by month, for all channels.</summary>
    ProcedureOwn = 3,
    /// <summary>A unit's subtree's responses about one procedure, by month, for all channels.</summary>
    ProcedureSubtree = 4,
    /// <summary>The provincial units under the unit, by month.</summary>
    ProvincesBelow = 10 + (int)UnitLevel.Province,
    DistrictsBelow = 10 + (int)UnitLevel.District,
    CommunesBelow = 10 + (int)UnitLevel.Commune,
    DepartmentsBelow = 10 + (int)UnitLevel.Department,
    /// <summary>Never written (nothing is below a ministry at its own level); named so every level has its scope.</summary>
    MinistriesBelow = 10 + (int)UnitLevel.Ministry,
    /// <summary>The provincial units under the unit, by day.</summary>
    ProvincesBelowByDay = 20 + (int)UnitLevel.Province,
    DistrictsBelowByDay = 20 + (int)UnitLevel.District,
    CommunesBelowByDay = 20 + (int)UnitLevel.Commune,
    DepartmentsBelowByDay = 20 + (int)UnitLevel.Department,
    MinistriesBelowByDay = 20 + (int)UnitLevel.Ministry,
}

/// <summary>The arithmetic of <see cref="RollupScope"/>: only the rollups use it.</summary>
internal static class RollupScopes
{
    /// <summary>
    /// The channel of rows that count every channel and respondent type (their respondent type is 0 too): each row has
    /// this twin, so a figure without those filters reads one row per unit, period and field, not 18.
    /// </summary>
    public const SurveyChannel AllChannels = 0;

    private const int FirstBelow = 10;
    private const int FirstBelowByDay = 20;

    /// <summary>The scope of rows counting the units of <paramref name="level"/> below a unit, by month.</summary>
    public static RollupScope Below(UnitLevel level) => (RollupScope)(FirstBelow + (int)level);

    /// <summary>The scope of rows counting the units of <paramref name="level"/> below a unit, by day.</summary>
    public static RollupScope BelowByDay(UnitLevel level) => (RollupScope)(FirstBelowByDay + (int)level);

    public static bool IsBelow(RollupScope scope) => scope >= (RollupScope)FirstBelow;

    public static bool IsByDay(RollupScope scope) => scope == RollupScope.SubtreeByDay || scope >= (RollupScope)FirstBelowByDay;

    /// <summary>The level of the units a "below" scope counts.</summary>
    public static UnitLevel LevelOf(RollupScope below) => (UnitLevel)((int)below % 10);

    /// <summary>The scopes that give figures per level by day: the subtree, and the units of each level below.</summary>
    public static readonly RollupScope[] LevelsByDay = [RollupScope.SubtreeByDay, .. Enum.GetValues<UnitLevel>().Select(BelowByDay)];

    /// <summary>The scopes that give figures per level by month: the unit's own rows, and the units of each level below.</summary>
    public static readonly RollupScope[] LevelsByMonth = [RollupScope.Own, .. Enum.GetValues<UnitLevel>().Select(Below)];
}

/// <summary>
/// A writer batch's daily increments as text (<see cref="PendingIncrements"/>), stored by the survey writer in the
/// batch's own transaction and added to the <see cref="RollupRow"/>s soon after by <see cref="PendingRollupFold"/>.
/// </summary>
public sealed class PendingRollup
{
    public long Id { get; set; }
    public string Increments { get; set; } = "";
}

internal sealed class DailyRollupConfiguration : IEntityTypeConfiguration<DailyRollup>
{
    public const string Table = "DailyRollups";

    public void Configure(EntityTypeBuilder<DailyRollup> rollup)
    {
        rollup.ToTable(Table);
        // Reports read a unit subtree over a period: the key starts with unit, then day, so it serves them directly.
        rollup.HasKey(r => new { r.UnitId, r.Day, r.FieldId, r.ProcedureId, r.Channel, r.RespondentType });
        // Figures for one procedure with a channel filter read the daily rows: this index finds that procedure's rows
        // of each unit and period without reading every row of the subtree (a province's year at 10 M responses:
        // 210–290 ms through the key, a few ms through this).
        rollup.HasIndex(r => new { r.ProcedureId, r.UnitId, r.Day });
    }
}

internal sealed class RollupRowConfiguration : IEntityTypeConfiguration<RollupRow>
{
    public const string Table = "RollupRows";

    /// <summary>The key columns, in the order of <see cref="RowKey"/>'s values.</summary>
    public static readonly string[] KeyColumns = ["UnitId", "Scope", "Period", "FieldId", "Channel", "RespondentType", "ProcedureId"];

    public void Configure(EntityTypeBuilder<RollupRow> rollup)
    {
        rollup.ToTable(Table);
        // Unit, then scope, then period: a figure reads one narrow range of the key per unit and scope.
        rollup.HasKey(r => new { r.UnitId, r.Scope, r.Period, r.FieldId, r.Channel, r.RespondentType, r.ProcedureId });
        rollup.Ignore(r => r.Granularity);
    }
}

internal sealed class PendingRollupConfiguration : IEntityTypeConfiguration<PendingRollup>
{
    public const string Table = "PendingRollups";

    public void Configure(EntityTypeBuilder<PendingRollup> pending) => pending.ToTable(Table);
}
