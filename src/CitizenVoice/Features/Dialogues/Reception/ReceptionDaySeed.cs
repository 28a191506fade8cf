using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// Demo reception days, illustrative (the article gives none): the provincial director's monthly day for the past
/// year with one month missed, and the weekly days of the Ngân Sơn communes for the past twelve weeks, where every
/// third commune missed two weeks. The other districts have recorded nothing yet, so the compliance view has
/// units on time, units a little behind and units not recording.
/// </summary>
internal sealed class ReceptionDaySeed(AppDb db, IOptions<DatabaseOptions> options, TimeProvider clock) : ISeeder
{
    public int Order => 45;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData || await db.ReceptionDays.AnyAsync(cancellationToken))
        {
            return;
        }

        var province = await db.Units.AsNoTracking().Where(u => u.Code == "BK").Select(u => new { u.Id }).SingleOrDefaultAsync(cancellationToken);
        var district = await db.Units.AsNoTracking().Where(u => u.Code == "BK-NS").Select(u => new { u.Path }).SingleOrDefaultAsync(cancellationToken);
        if (province is null || district is null)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = VietnamTime.Today(clock);
        var month = new DateOnly(today.Year, today.Month, 1);
        for (var back = 1; back <= 12; back++)
        {
            if (back == 3)
            {
                continue;
            }

            // The director receives on the 15th or the next Monday.
            var day = month.AddMonths(-back).AddDays(14);
            day = day.DayOfWeek switch { DayOfWeek.Saturday => day.AddDays(2), DayOfWeek.Sunday => day.AddDays(1), _ => day };
            db.ReceptionDays.Add(new ReceptionDay
            {
                UnitId = province.Id, Date = day, ReceivedBy = "Đại tá Hà Văn Tuyên, Giám đốc Công an tỉnh",
                CitizensReceived = 3 + back % 4, RecordedAt = now,
            });
        }

        var communes = await db.Units.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.Path.StartsWith(district.Path) && u.ValidTo == null)
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        for (var i = 0; i < communes.Count; i++)
        {
            for (var week = 1; week <= 12; week++)
            {
                if (i % 3 == 2 && week is 2 or 5)
                {
                    continue;
                }

                // Communes receive on Thursdays, the day most of them set aside.
                db.ReceptionDays.Add(new ReceptionDay
                {
                    UnitId = communes[i].Id, Date = thisMonday.AddDays(-7 * week + 3), ReceivedBy = "Trưởng " + communes[i].Name,
                    CitizensReceived = (i + week) % 5, RecordedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
