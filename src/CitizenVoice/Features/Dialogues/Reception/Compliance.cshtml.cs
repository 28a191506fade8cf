using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Calendar;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// Which units in the user's scope are behind on what the rules require of them: communes that have
/// not held their yearly dialogue with residents, and leaders who have not held their citizen reception days
/// (the province every month, a commune every week) in the chosen year or month. A week in which a public holiday or
/// another day off of the working calendar falls on a weekday does not count against a commune: its reception day may
/// have been that holiday, and the book does not say which weekday a commune set aside.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Moderator},{Roles.Leader},{Roles.Administrator}")]
public sealed class ComplianceModel(AppDb db, DialogueAccess access, WorkingCalendar calendar, TimeProvider clock) : PageModel
{
    public sealed record Row(string Code, string Name, string DistrictName, int Sessions);

    public sealed record ReceptionRow(string Code, string Name, string ParentName, ReceptionRules.Every Every, int Days, int Required, int Missed);

    [BindProperty(SupportsGet = true, Name = "nam")]
    public int? Year { get; set; }

    /// <summary>1–12 narrows the reception check to one month; empty checks the whole year.</summary>
    [BindProperty(SupportsGet = true, Name = "thang")]
    public int? Month { get; set; }

    public IReadOnlyList<Row> Behind { get; private set; } = [];
    public int Communes { get; private set; }
    public IReadOnlyList<ReceptionRow> ReceptionBehind { get; private set; } = [];
    public int ReceptionUnits { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }

    /// <summary>
    /// Longer lists than this (a ministry's 3,300 communes) are shown as a count per unit above (province or district),
    /// each opening its own list (<see cref="Group"/>): a page of thousands of rows is of no use to read.
    /// </summary>
    public const int ListLimit = 200;

    /// <summary>The unit above (by name) whose units alone are listed.</summary>
    [BindProperty(SupportsGet = true, Name = "nhom")]
    public string? Group { get; set; }

    public int BehindCount { get; private set; }
    public int ReceptionBehindCount { get; private set; }
    public IReadOnlyList<(string Parent, int Count)> BehindByParent { get; private set; } = [];
    public IReadOnlyList<(string Parent, int Count)> ReceptionBehindByParent { get; private set; } = [];

    /// <summary>The rows of the chosen group; or, when they are too many to read, a count per unit above and no rows.</summary>
    private (IReadOnlyList<T> Rows, IReadOnlyList<(string, int)> ByParent) Folded<T>(IReadOnlyList<T> rows, Func<T, string> parent)
    {
        if (!string.IsNullOrEmpty(Group))
        {
            return ([.. rows.Where(r => parent(r) == Group)], []);
        }

        return rows.Count <= ListLimit ? (rows, [])
            : ([], [.. rows.GroupBy(parent).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, Localisation.VietnameseOrder)]);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        Year = Year is >= 2000 and <= 2100 ? Year : today.Year;
        Month = Month is >= 1 and <= 12 ? Month : null;
        var first = new DateOnly(Year.Value, 1, 1);
        var last = new DateOnly(Year.Value, 12, 31);
        var scope = await access.ScopePathAsync(User, ct) ?? "-";
        await DialoguesAsync(scope, first, last, ct);

        (From, To) = Month is { } m ? (new DateOnly(Year.Value, m, 1), new DateOnly(Year.Value, m, 1).AddMonths(1).AddDays(-1)) : (first, last);
        await ReceptionAsync(scope, today, ct);
        (BehindCount, ReceptionBehindCount) = (Behind.Count, ReceptionBehind.Count);
        (Behind, BehindByParent) = Folded(Behind, r => r.DistrictName);
        (ReceptionBehind, ReceptionBehindByParent) = Folded(ReceptionBehind, r => r.ParentName);
    }

    private async Task DialoguesAsync(string scope, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var (from, to) = (VietnamTime.ToUtc(first.ToDateTime(TimeOnly.MinValue)), VietnamTime.ToUtc(last.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var communes = await db.Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.Path.StartsWith(scope) && u.ValidFrom <= last && (u.ValidTo == null || u.ValidTo >= first))
            .Select(u => new
            {
                u.Code, u.Name, u.NameEn, DistrictName = u.Parent!.Name, DistrictNameEn = u.Parent.NameEn,
                Sessions = db.DialogueSessions.Count(s => s.HostUnitId == u.Id && s.Status != DialogueStatus.Draft && s.StartsAt >= from && s.StartsAt < to),
            })
            .ToListAsync(ct);
        Communes = communes.Count;
        Behind = communes.Where(c => c.Sessions == 0)
            .Select(c => new Row(c.Code, LocalName.Of(c.Name, c.NameEn), LocalName.Of(c.DistrictName, c.DistrictNameEn), c.Sessions))
            .OrderBy(c => c.DistrictName, Infrastructure.Localisation.VietnameseOrder).ThenBy(c => c.Name, Infrastructure.Localisation.VietnameseOrder)
            .ToList();
    }

    private async Task ReceptionAsync(string scope, DateOnly today, CancellationToken ct)
    {
        var (from, to) = (From, To);
        var units = await db.Units.AsNoTracking()
            .Where(u => (u.Level == UnitLevel.Province || u.Level == UnitLevel.Commune) && u.Path.StartsWith(scope)
                && u.ValidFrom <= to && (u.ValidTo == null || u.ValidTo >= from))
            .Select(u => new { u.Id, u.Code, u.Name, u.NameEn, u.Level, u.ValidFrom, u.ValidTo, ParentName = u.Parent == null ? "" : u.Parent.Name, ParentNameEn = u.Parent == null ? null : u.Parent.NameEn })
            .ToListAsync(ct);
        // A week that starts in the period may end a few days after it.
        var days = await db.ReceptionDays.AsNoTracking()
            .Where(d => d.Unit!.Path.StartsWith(scope) && d.Date >= from && d.Date <= to.AddDays(6))
            .Select(d => new { d.UnitId, d.Date }).ToListAsync(ct);
        var byUnit = days.ToLookup(d => d.UnitId, d => d.Date);
        var daysOff = new HashSet<DateOnly>();
        for (var year = from.Year; year <= to.AddDays(6).Year; year++)
        {
            daysOff.UnionWith((await calendar.DaysOffAsync(year, ct)).Select(h => h.Date));
        }

        bool HolidayWeek(ReceptionRules.Every every, (DateOnly First, DateOnly Last) p) =>
            every == ReceptionRules.Every.Week && Enumerable.Range(0, 5).Any(i => daysOff.Contains(p.First.AddDays(i)));

        var rows = new List<ReceptionRow>();
        foreach (var u in units)
        {
            var every = ReceptionRules.For(u.Level)!.Value;
            var held = byUnit[u.Id].ToList();
            // A holiday week drops out only when nothing was held in it; a day held that week still counts as held.
            var periods = ReceptionRules.Periods(every, from, to, today)
                .Where(p => p.First >= u.ValidFrom && (u.ValidTo is null || p.Last <= u.ValidTo))
                .Where(p => !HolidayWeek(every, p) || held.Any(d => d >= p.First && d <= p.Last)).ToList();
            var missed = periods.Count(p => !held.Any(d => d >= p.First && d <= p.Last));
            rows.Add(new ReceptionRow(u.Code, LocalName.Of(u.Name, u.NameEn), LocalName.Of(u.ParentName, u.ParentNameEn), every, held.Count(d => d <= to), periods.Count, missed));
        }

        ReceptionUnits = rows.Count;
        ReceptionBehind = rows.Where(r => r.Missed > 0)
            .OrderBy(r => r.Every).ThenByDescending(r => r.Missed)
            .ThenBy(r => r.ParentName, Infrastructure.Localisation.VietnameseOrder).ThenBy(r => r.Name, Infrastructure.Localisation.VietnameseOrder)
            .ToList();
    }
}
