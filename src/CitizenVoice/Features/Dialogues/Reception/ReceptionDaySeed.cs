using CitizenVoice.Data;
using CitizenVoice.Features.Calendar;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// Demo data that gives the compliance view the picture of a province that mostly keeps the rules, illustrative (no
/// source gives these figures): in the current year (and at least the last twelve weeks, so early January is not
/// empty) the provincial director receives citizens every month, and the communes every Thursday, except when that
/// Thursday is a day off of the working calendar (the view does not count such a week against them). A few communes
/// fall behind: every twelfth missed three weeks, and every twenty-seventh stopped recording after the spring. Most
/// communes held their yearly dialogue with residents earlier in the year; the third commune of each district has
/// not yet.
/// </summary>
internal sealed class ReceptionDaySeed(AppDb db, WorkingCalendar calendar, IOptions<DatabaseOptions> options, TimeProvider clock) : ISeeder
{
    public int Order => 45;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData || await db.ReceptionDays.AnyAsync(cancellationToken))
        {
            return;
        }

        // The province police of today: Bắc Kạn's, or the one it was merged into.
        var provinceCode = await UnitTree.SuccessorCodeAsync(db, "BK", cancellationToken) ?? "BK";
        var province = await db.Units.AsNoTracking().Where(u => u.Code == provinceCode).Select(u => new { u.Id }).SingleOrDefaultAsync(cancellationToken);
        if (province is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = VietnamTime.Today(clock);
        var yearStart = new DateOnly(today.Year, 1, 1);
        var start = today.AddDays(-84) < yearStart ? today.AddDays(-84) : yearStart;
        var daysOff = new HashSet<DateOnly>();
        for (var year = start.Year; year <= today.Year; year++)
        {
            daysOff.UnionWith((await calendar.DaysOffAsync(year, cancellationToken)).Select(h => h.Date));
        }

        bool Working(DateOnly day) => !PublicHolidays.IsWeekend(day) && !daysOff.Contains(day);

        // The director receives on the 15th, or the next working day.
        for (var month = new DateOnly(start.Year, start.Month, 1); month <= today; month = month.AddMonths(1))
        {
            var day = month.AddDays(14);
            while (!Working(day))
            {
                day = day.AddDays(1);
            }

            if (day < today)
            {
                db.ReceptionDays.Add(new ReceptionDay
                {
                    UnitId = province.Id, Date = day, ReceivedBy = "Đại tá Hà Văn Tuyên, Giám đốc Công an tỉnh",
                    CitizensReceived = 3 + month.Month % 4, RecordedAt = now,
                });
            }
        }

        var communes = await db.Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.SuccessorId == null)
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(cancellationToken);
        var firstMonday = start.AddDays(((int)DayOfWeek.Monday - (int)start.DayOfWeek + 7) % 7);
        var stoppedAfter = new DateOnly(today.Year, 5, 31);
        for (var i = 0; i < communes.Count; i++)
        {
            var week = 0;
            for (var monday = firstMonday; monday.AddDays(3) < today; monday = monday.AddDays(7), week++)
            {
                var thursday = monday.AddDays(3);
                if (!Working(thursday) || (i % 12 == 5 && week % 13 == 9) || (i % 27 == 13 && thursday > stoppedAfter))
                {
                    continue;
                }

                db.ReceptionDays.Add(new ReceptionDay
                {
                    UnitId = communes[i].Id, Date = thursday, ReceivedBy = "Trưởng " + communes[i].Name,
                    CitizensReceived = (i + week) % 5, RecordedAt = now,
                });
            }
        }

        // The yearly dialogue of each commune, held between March and the month before this one (or, early in the
        // year, already in January), except the third commune of each district.
        var held = await db.DialogueSessions.AsNoTracking().Where(s => s.StartsAt >= VietnamTime.ToUtc(yearStart.ToDateTime(TimeOnly.MinValue)))
            .Select(s => s.HostUnitId).ToListAsync(cancellationToken);
        var lastMonth = Math.Max(1, today.Month - 1);
        foreach (var district in communes.GroupBy(c => c.ParentId))
        {
            var j = 0;
            foreach (var c in district)
            {
                var index = j++;
                if (index == 2 || held.Contains(c.Id))
                {
                    continue;
                }

                var month = Math.Min(lastMonth, 3 + index % 8);
                var date = new DateOnly(today.Year, month, 1).AddDays(7 + index % 14);
                while (!Working(date))
                {
                    date = date.AddDays(1);
                }

                if (date >= today)
                {
                    continue;
                }

                var startsAt = VietnamTime.ToUtc(date.ToDateTime(new TimeOnly(8, 0)));
                db.DialogueSessions.Add(new DialogueSession
                {
                    HostUnitId = c.Id,
                    Title = $"Hội nghị đối thoại với Nhân dân năm {today.Year} – {c.Name}",
                    Content = "Công an xã, phường, thị trấn đối thoại với Nhân dân về công tác bảo đảm an ninh, trật tự và giải quyết thủ tục hành chính tại địa phương.",
                    FieldCodes = ["CCCD", "CU-TRU"],
                    Chair = $"Trưởng {c.Name}",
                    Officials = "Phó Trưởng Công an\nCán bộ phụ trách cư trú, căn cước",
                    Format = DialogueFormat.InPerson,
                    Venue = "Hội trường Ủy ban nhân dân",
                    StartsAt = startsAt, EndsAt = startsAt.AddHours(3),
                    Status = DialogueStatus.Closed,
                    AnnouncedAt = startsAt.AddDays(-14), CreatedAt = startsAt.AddDays(-20),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
