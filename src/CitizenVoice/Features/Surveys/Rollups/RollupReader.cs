using System.Runtime.CompilerServices;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// A question to the rollups: the counts of a set of units over a period (both days included), with optional filters.
/// The same count is stored twice over — by unit and day in the daily rows, and summed in the rollup rows — so the
/// units are given both ways and the reader picks the rows that answer with the fewest reads.
/// </summary>
/// <param name="UnitIds">Every unit whose own responses count (null: every unit): the daily rows of these are read.</param>
/// <param name="RowUnitIds">The units whose rollup rows make up the same count: with <paramref name="Subtree"/>, the
/// subtree rows of each (so none may sit inside another's subtree); without, each one's own rows.</param>
/// <param name="Subtree">Whether <paramref name="RowUnitIds"/> stand for their whole subtrees.</param>
public sealed record RollupQuery(
    DateOnly From, DateOnly To, IReadOnlyList<int>? UnitIds, IReadOnlyList<int> RowUnitIds, bool Subtree,
    int? FieldId = null, int? ProcedureId = null, SurveyChannel? Channel = null, int? RespondentType = null);

/// <summary>
/// A row as the reader returns it: people (<see cref="Responses"/>) and their answers packed by
/// <see cref="AnswerCounts"/>, for the unit <see cref="UnitId"/> — its whole subtree when <see cref="OfSubtree"/>
/// (one of the query's <see cref="RollupQuery.RowUnitIds"/>), otherwise its own responses — over a month or a day
/// starting on <see cref="Period"/>. <see cref="Sign"/> is −1 for a row to take away: a day of a month whose row was
/// read, outside the period.
/// </summary>
public readonly record struct RollupCount(int UnitId, bool OfSubtree, DateOnly Period, long Responses, string Answers, int Sign = 1);

/// <summary>
/// Reads rollup rows for reports, never raw responses: which table and which scope answer each part of a period is
/// decided here, so no reader outside the rollups needs to know how they are stored. Folds pending increments before
/// its first read, so every figure counts every committed response. Scoped: one fold per request.
/// </summary>
public sealed class RollupReader(AppDb db, PendingRollupFold fold, TimeProvider clock)
{
    /// <summary>Where a part of a period is read from: <see cref="RollupRow"/>s by month or by day, or <see cref="DailyRollup"/>s.</summary>
    private enum Source { Months, Days, Daily }

    private bool _folded;

    /// <summary>The rows whose sum is the query's count (each response counted once).</summary>
    public async IAsyncEnumerable<RollupCount> ReadAsync(RollupQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await FoldOnceAsync(ct);
        foreach (var (part, source, sign) in Parts(query, procedureMonths: true, complements: true))
        {
            await foreach (var row in Rows(part, source).AsAsyncEnumerable().WithCancellation(ct))
            {
                yield return sign > 0 ? row : row with { Sign = sign };
            }
        }
    }

    /// <summary>
    /// The rows whose sum per level (province, district, commune, department) is the query's count by the level of the
    /// unit that was asked: each with the level it counts for and a sign, +1 to add it, −1 to take it away.
    /// <paramref name="levelOf"/> gives every unit's level.
    /// </summary>
    public async IAsyncEnumerable<(UnitLevel Level, int Sign, RollupCount Row)> ReadByLevelAsync(
        RollupQuery query, IReadOnlyDictionary<int, UnitLevel> levelOf, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await FoldOnceAsync(ct);
        foreach (var (part, source, _) in Parts(query, procedureMonths: false, complements: false))
        {
            if (source == Source.Daily)
            {
                await foreach (var row in Rows(part, source).AsAsyncEnumerable().WithCancellation(ct))
                {
                    yield return (levelOf[row.UnitId], +1, row);
                }

                continue;
            }

            // Whole months: the own and per-level rows by month. The days at either end: the subtree and per-level rows
            // by day; a unit's own count is its subtree less the levels below it.
            await foreach (var r in LevelRows(part, byDay: source == Source.Days).AsAsyncEnumerable().WithCancellation(ct))
            {
                var row = new RollupCount(r.UnitId, r.Scope != RollupScope.Own, r.Period, r.Responses, r.Answers);
                if (RollupScopes.IsBelow(r.Scope))
                {
                    yield return (RollupScopes.LevelOf(r.Scope), +1, row);
                    if (source == Source.Days)
                    {
                        yield return (levelOf[r.UnitId], -1, row);
                    }
                }
                else
                {
                    yield return (levelOf[r.UnitId], +1, row);
                }
            }
        }
    }

    private async Task FoldOnceAsync(CancellationToken ct)
    {
        if (!_folded)
        {
            // Responses whose rows by month and by day the fold has not added yet are added now: every figure is exact.
            await fold.FoldAsync(db, ct);
            _folded = true;
        }
    }

    /// <summary>
    /// Which rows answer each part of a period, so a figure never reads more than a few hundred rows. Whole months come
    /// from the rows by month (the current month counts as whole: nothing after today exists yet). The days before and
    /// after them (a year earlier than "since the 1st of last November until today" ends on today's date a year ago)
    /// come from the rows by day (subtree, each level below) for a subtree's count, otherwise from the daily rows, which
    /// for a single unit are few. For one procedure, whole months come from its rows by month (all channels) and the
    /// days at either end from the daily rows; with a channel or respondent filter too, or
    /// <paramref name="procedureMonths"/> false (counts per level), everything from the daily rows.
    /// With <paramref name="complements"/>, a subtree's days at either end that fill most of their month are read as
    /// the month's row less the other days' rows (sign −1): from the 4th to the end of March is one row and three,
    /// not 28. A province's table of 140 communes over a period from mid-month to mid-month read some 10,000 rows by
    /// day, most of the page's time.
    /// </summary>
    private IEnumerable<(RollupQuery Part, Source Source, int Sign)> Parts(RollupQuery q, bool procedureMonths, bool complements)
    {
        if (q.ProcedureId is not null && (!procedureMonths || q.Channel is not null || q.RespondentType is not null))
        {
            yield return (q, Source.Daily, 1);
            yield break;
        }

        var today = SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        var firstWhole = q.From.Day == 1 ? q.From : new DateOnly(q.From.Year, q.From.Month, 1).AddMonths(1);
        var lastWholeEnd = q.To.AddDays(1).Day == 1 || q.To >= today ? q.To : new DateOnly(q.To.Year, q.To.Month, 1).AddDays(-1);
        var days = q.Subtree && q.ProcedureId is null ? Source.Days : Source.Daily;
        if (firstWhole > lastWholeEnd)
        {
            yield return (q, days, 1);
            yield break;
        }

        // The end months here are past months, or this month up to today (no day after today has rows yet): the month's
        // row less its days outside the period is exactly the part.
        complements &= days == Source.Days;
        if (q.From < firstWhole)
        {
            var month = new DateOnly(q.From.Year, q.From.Month, 1);
            // The month's row and its From.Day − 1 days before the period, against the period's days in the month.
            if (complements && q.From.Day < firstWhole.DayNumber - q.From.DayNumber)
            {
                yield return (q with { From = month, To = firstWhole.AddDays(-1) }, Source.Months, 1);
                yield return (q with { From = month, To = q.From.AddDays(-1) }, days, -1);
            }
            else
            {
                yield return (q with { To = firstWhole.AddDays(-1) }, days, 1);
            }
        }

        yield return (q with { From = firstWhole, To = lastWholeEnd }, Source.Months, 1);
        if (lastWholeEnd < q.To)
        {
            var monthEnd = new DateOnly(q.To.Year, q.To.Month, 1).AddMonths(1).AddDays(-1);
            // The month's row and its days after the period, against the period's To.Day days in the month.
            if (complements && 1 + monthEnd.DayNumber - q.To.DayNumber < q.To.Day)
            {
                yield return (q with { From = lastWholeEnd.AddDays(1), To = monthEnd }, Source.Months, 1);
                yield return (q with { From = q.To.AddDays(1), To = monthEnd }, days, -1);
            }
            else
            {
                yield return (q with { From = lastWholeEnd.AddDays(1) }, days, 1);
            }
        }
    }

    private IQueryable<RollupCount> Rows(RollupQuery q, Source source)
    {
        var ofSubtree = q.Subtree;
        return source switch
        {
            Source.Months => MonthRows(q).Select(r => new RollupCount(r.UnitId, ofSubtree, r.Period, r.Responses, r.Answers)),
            Source.Days => SubtreeDayRows(q).Select(r => new RollupCount(r.UnitId, true, r.Period, r.Responses, r.Answers)),
            _ => DailyRows(q).Select(r => new RollupCount(r.UnitId, false, r.Day, r.Responses, r.Answers)),
        };
    }

    private IQueryable<RollupRow> MonthRows(RollupQuery q)
    {
        var (first, to) = (new DateOnly(q.From.Year, q.From.Month, 1), q.To);
        var rows = db.RollupRows.AsNoTracking().Where(r => r.Period >= first && r.Period <= to);
        List<int> ids = [.. q.RowUnitIds];
        var scope = q.Subtree ? RollupScope.Subtree : RollupScope.Own;
        if (q.ProcedureId is { } procedure)
        {
            scope = q.Subtree ? RollupScope.ProcedureSubtree : RollupScope.ProcedureOwn;
            rows = rows.Where(r => r.ProcedureId == procedure);
        }

        rows = ids is [var only]
            ? rows.Where(r => r.Scope == scope && r.UnitId == only)
            : rows.Where(r => r.Scope == scope && ids.Contains(r.UnitId));
        return Filtered(rows, q);
    }

    /// <summary>The subtree rows by day of the query's units over its days.</summary>
    private IQueryable<RollupRow> SubtreeDayRows(RollupQuery q)
    {
        var (ids, from, to) = (q.RowUnitIds.ToList(), q.From, q.To);
        var rows = db.RollupRows.AsNoTracking().Where(r => r.Period >= from && r.Period <= to);
        rows = ids is [var only]
            ? rows.Where(r => r.Scope == RollupScope.SubtreeByDay && r.UnitId == only)
            : rows.Where(r => r.Scope == RollupScope.SubtreeByDay && ids.Contains(r.UnitId));
        return Filtered(rows, q);
    }

    /// <summary>
    /// Without a channel or respondent filter, the rows for all channels and respondent types (channel 0): a row per
    /// unit, period and field instead of one per channel and respondent type too. With either, the rows split by both.
    /// </summary>
    private static IQueryable<RollupRow> Filtered(IQueryable<RollupRow> rows, RollupQuery q)
    {
        if (q.FieldId is { } field) { rows = rows.Where(r => r.FieldId == field); }
        if (q.Channel is null && q.RespondentType is null) { return rows.Where(r => r.Channel == RollupScopes.AllChannels); }
        rows = q.Channel is { } channel ? rows.Where(r => r.Channel == channel) : rows.Where(r => r.Channel != RollupScopes.AllChannels);
        if (q.RespondentType is { } respondent) { rows = rows.Where(r => r.RespondentType == respondent); }
        return rows;
    }

    /// <summary>
    /// The rows that give counts per level: by month, the own rows of the query's units and, with sub-units, their rows
    /// for each level below them; <paramref name="byDay"/>, their subtree rows and rows for each level below, by day.
    /// </summary>
    private IQueryable<RollupRow> LevelRows(RollupQuery q, bool byDay)
    {
        var (ids, from, to) = (q.RowUnitIds.ToList(), q.From, q.To);
        // Scopes as a list, not a range: each is then one narrow range of the key (unit, scope, period), where "scope
        // 20 and above" read every day of every level below the unit (17 ms against 2 ms for the province's part month).
        if (byDay)
        {
            var dayScopes = RollupScopes.LevelsByDay;
            var days = db.RollupRows.AsNoTracking().Where(r => ids.Contains(r.UnitId) && dayScopes.Contains(r.Scope) && r.Period >= from && r.Period <= to);
            return Filtered(days, q);
        }

        var first = new DateOnly(from.Year, from.Month, 1);
        var monthScopes = q.Subtree ? RollupScopes.LevelsByMonth : [RollupScope.Own];
        var rows = db.RollupRows.AsNoTracking().Where(r => ids.Contains(r.UnitId) && monthScopes.Contains(r.Scope) && r.Period >= first && r.Period <= to);
        return Filtered(rows, q);
    }

    private IQueryable<DailyRollup> DailyRows(RollupQuery q)
    {
        var (from, to) = (q.From, q.To);
        var rows = db.DailyRollups.AsNoTracking().Where(r => r.Day >= from && r.Day <= to);
        if (q.UnitIds is [var only]) { rows = rows.Where(r => r.UnitId == only); }
        else if (q.UnitIds?.ToList() is { } ids) { rows = rows.Where(r => ids.Contains(r.UnitId)); }
        if (q.FieldId is { } field) { rows = rows.Where(r => r.FieldId == field); }
        if (q.ProcedureId is { } procedure) { rows = rows.Where(r => r.ProcedureId == procedure); }
        if (q.Channel is { } channel) { rows = rows.Where(r => r.Channel == channel); }
        if (q.RespondentType is { } respondent) { rows = rows.Where(r => r.RespondentType == respondent); }
        return rows;
    }
}
