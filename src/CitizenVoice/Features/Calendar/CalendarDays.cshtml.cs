using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Calendar;

/// <summary>
/// A year's days off as deadlines count them, and the government's decision for that year entered by an administrator:
/// a bridged day off, or a Saturday worked to make up for it.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class CalendarDaysModel(AppDb db, WorkingCalendar calendar, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class DayInput
    {
        [Required(ErrorMessage = "Vui lòng chọn ngày.")]
        [Display(Name = "Ngày")]
        public DateOnly? Date { get; set; }

        [Display(Name = "Loại ngày")]
        public bool IsDayOff { get; set; } = true;

        [Required(ErrorMessage = "Vui lòng ghi nội dung theo quyết định.")]
        [StringLength(200, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Nội dung")]
        public string? Name { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "nam")]
    public int Year { get; set; }

    [BindProperty]
    public DayInput Input { get; set; } = new();

    public IReadOnlyList<Holiday> DaysOff { get; private set; } = [];

    public IReadOnlyList<CalendarDay> Added { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (Input.Date is { } date)
        {
            if (date.Year is < VietnameseLunarCalendar.FirstYear or > VietnameseLunarCalendar.LastYear)
            {
                ModelState.AddModelError("Input.Date", l["Năm phải là một số từ {0} đến {1}.", VietnameseLunarCalendar.FirstYear, VietnameseLunarCalendar.LastYear]);
            }
            else if (await db.CalendarDays.AnyAsync(d => d.Date == date, ct))
            {
                ModelState.AddModelError("Input.Date", l["Ngày {0} đã có trong lịch; xóa dòng cũ trước khi nhập lại.", date.ToString("dd/MM/yyyy")]);
            }
        }

        if (!ModelState.IsValid)
        {
            Year = Input.Date?.Year ?? Year;
            await LoadAsync(ct);
            return Page();
        }

        db.CalendarDays.Add(new CalendarDay { Date = Input.Date!.Value, IsDayOff = Input.IsDayOff, Name = Input.Name!.Trim() });
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { nam = Input.Date!.Value.Year });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var day = await db.CalendarDays.FindAsync([id], ct);
        if (day is null)
        {
            return NotFound();
        }

        db.CalendarDays.Remove(day);
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { nam = day.Date.Year });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Year is < VietnameseLunarCalendar.FirstYear or > VietnameseLunarCalendar.LastYear)
        {
            Year = VietnamTime.Today(clock).Year;
        }

        DaysOff = await calendar.DaysOffAsync(Year, ct);
        var first = new DateOnly(Year, 1, 1);
        var last = new DateOnly(Year, 12, 31);
        Added = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).OrderBy(d => d.Date).ToListAsync(ct);
    }
}
