using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Calendar;

/// <summary>
/// The government's published decisions on days off for 2025–2027, where they differ from the Labour Code's rule that
/// <see cref="PublicHolidays"/> computes (Tết Dương lịch, Tết Nguyên đán, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 and the day
/// next to it, with a weekend holiday made up on the next working day). These are official figures, not demo data,
/// so every install gets them; an administrator corrects or extends them at /quan-tri/lich-lam-viec.
/// <list type="bullet">
/// <item>2025: Tết Nguyên đán 25/1–2/2 — the five Tết days were Monday 27 to Friday 31 January, so 27/1 is off and
/// Monday 3/2 (which the rule would give for mùng 4 on a Saturday) is worked; 30/4–4/5, Friday 2/5 swapped with
/// Saturday 26/4; Quốc khánh 30/8–2/9 (1/9 and 2/9, as the rule gives).</item>
/// <item>2026: Tết Dương lịch 1/1–4/1, Friday 2/1 swapped with Saturday 10/1; Tết Nguyên đán 14/2–22/2 (the five
/// days are 16–20/2, as the rule gives); Giỗ Tổ on Sunday 26/4 made up on Monday 27/4 (the rule's make-up day).</item>
/// <item>2027 and the second Quốc khánh day of 2026: no decision entered; the rule applies until an administrator enters it.</item>
/// </list>
/// </summary>
internal sealed class CalendarSeed(AppDb db) : ISeeder
{
    private static readonly CalendarDay[] Decisions =
    [
        new() { Date = new(2025, 1, 27), IsDayOff = true, Name = "Nghỉ Tết Nguyên đán (28 tháng Chạp) theo quyết định của Thủ tướng Chính phủ" },
        new() { Date = new(2025, 2, 3), IsDayOff = false, Name = "Đi làm: kỳ nghỉ Tết Nguyên đán 2025 kết thúc ngày 2/2" },
        new() { Date = new(2025, 4, 26), IsDayOff = false, Name = "Làm bù cho ngày 2/5 (hoán đổi ngày làm việc)" },
        new() { Date = new(2025, 5, 2), IsDayOff = true, Name = "Nghỉ hoán đổi dịp 30/4 – 1/5 (làm bù thứ Bảy 26/4)" },
        new() { Date = new(2026, 1, 2), IsDayOff = true, Name = "Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/1)" },
        new() { Date = new(2026, 1, 10), IsDayOff = false, Name = "Làm bù cho ngày 2/1 (hoán đổi ngày làm việc)" },
    ];

    public int Order => 5;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        // Seeded once: when any day of these years is already in the table, an administrator owns them.
        var first = new DateOnly(2025, 1, 1);
        var last = new DateOnly(2027, 12, 31);
        if (await db.CalendarDays.AnyAsync(d => d.Date >= first && d.Date <= last, cancellationToken))
        {
            return;
        }

        db.CalendarDays.AddRange(Decisions.Select(d => new CalendarDay { Date = d.Date, IsDayOff = d.IsDayOff, Name = d.Name }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
