using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Calendar;

/// <summary>
/// Which days are working days for a public agency in Vietnam: Monday to Friday, less the holidays by law
/// (<see cref="PublicHolidays"/>), less the days off and plus the working days an administrator added for a year
/// (<see cref="CalendarDay"/>). Deadlines "within N working days" are counted with it.
/// </summary>
public sealed class WorkingCalendar(AppDb db)
{
    /// <summary>A year's days off other than ordinary weekends: holidays by law and days off added for that year,
    /// less those an administrator made working days.</summary>
    public async Task<IReadOnlyList<Holiday>> DaysOffAsync(int year, CancellationToken ct) => (await YearAsync(year, ct)).DaysOff;

    /// <summary>The day <paramref name="days"/> working days after <paramref name="from"/>; <paramref name="from"/>
    /// itself is not counted, so an item received on a Friday with one working day to go is due on Monday.</summary>
    public async Task<DateOnly> AddWorkingDaysAsync(DateOnly from, int days, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var years = new Dictionary<int, Year>();
        var day = from;
        for (var counted = 0; counted < days;)
        {
            day = day.AddDays(1);
            if (!years.TryGetValue(day.Year, out var year))
            {
                years[day.Year] = year = await YearAsync(day.Year, ct);
            }

            if (year.IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when it is not later).</summary>
    public async Task<int> WorkingDaysBetweenAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var years = new Dictionary<int, Year>();
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (!years.TryGetValue(day.Year, out var year))
            {
                years[day.Year] = year = await YearAsync(day.Year, ct);
            }

            if (year.IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    private async Task<Year> YearAsync(int year, CancellationToken ct)
    {
        if (year is < VietnameseLunarCalendar.FirstYear or > VietnameseLunarCalendar.LastYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "The calendar is computed for 1900–2100.");
        }

        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var added = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).ToListAsync(ct);
        return new Year(PublicHolidays.ByLaw(year), added);
    }

    private sealed class Year
    {
        private readonly HashSet<DateOnly> _off;
        private readonly HashSet<DateOnly> _worked;

        public Year(IReadOnlyList<Holiday> byLaw, IReadOnlyList<CalendarDay> added)
        {
            _worked = added.Where(d => !d.IsDayOff).Select(d => d.Date).ToHashSet();
            DaysOff = [.. byLaw.Where(h => !_worked.Contains(h.Date))
                .Concat(added.Where(d => d.IsDayOff && !byLaw.Any(h => h.Date == d.Date)).Select(d => new Holiday(d.Date, d.Name)))
                .OrderBy(h => h.Date)];
            _off = DaysOff.Select(h => h.Date).ToHashSet();
        }

        public IReadOnlyList<Holiday> DaysOff { get; }

        public bool IsWorkingDay(DateOnly day) => _worked.Contains(day) || (!PublicHolidays.IsWeekend(day) && !_off.Contains(day));
    }
}
