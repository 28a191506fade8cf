using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Dialogues;

/// <summary>The reception book: a secretary or leader records each citizen reception day of a unit in their scope.</summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Moderator},{Roles.Leader},{Roles.Administrator}")]
public sealed class ReceptionDaysModel(AppDb db, DialogueAccess access, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Option(int Id, string Code, string Name);

    public sealed record Row(int Id, DateOnly Date, string UnitName, string ReceivedBy, int CitizensReceived, string? Notes);

    [BindProperty]
    public ReceptionInput Input { get; set; } = new();

    /// <summary>Shows one unit's book (its code); empty shows the latest days of every unit in scope.</summary>
    [BindProperty(SupportsGet = true, Name = "don-vi")]
    public string? UnitCode { get; set; }

    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyList<Row> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new ReceptionInput { Date = VietnamTime.Today(clock), UnitId = UnitScope.UnitIdOf(User) ?? 0 };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await access.CanRunAsync(User, Input.UnitId, ct))
        {
            ModelState.AddModelError("Input.UnitId", l["Vui lòng chọn đơn vị trong phạm vi quản lý của bạn."]);
        }

        if (Input.Date is { } date && date > VietnamTime.Today(clock))
        {
            ModelState.AddModelError("Input.Date", l["Chỉ ghi ngày tiếp công dân đã diễn ra."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        db.ReceptionDays.Add(new ReceptionDay
        {
            UnitId = Input.UnitId, Date = Input.Date!.Value, ReceivedBy = Input.ReceivedBy.Trim(), CitizensReceived = Input.CitizensReceived ?? 0,
            Notes = string.IsNullOrWhiteSpace(Input.Notes) ? null : Input.Notes.Trim(), RecordedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        TempData["Message"] = l["Đã ghi ngày tiếp công dân."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await access.ScopePathAsync(User, ct) ?? "-";
        var receiving = db.Units.Where(u => u.Path.StartsWith(scope) && u.Level != UnitLevel.Department);
        var units = await receiving.AsNoTracking().Active()
            .Select(u => new { u.Id, u.Code, Name = LocalName.Of(u.Name, u.NameEn), u.Path }).ToListAsync(ct);
        Units = units.OrderBy(u => u.Path, StringComparer.Ordinal).Select(u => new Option(u.Id, u.Code, u.Name)).ToList();
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, receiving, ct);
        var days = db.ReceptionDays.AsNoTracking().Where(d => d.Unit!.Path.StartsWith(scope));
        if (!string.IsNullOrEmpty(UnitCode))
        {
            days = days.Where(d => d.Unit!.Code == UnitCode);
        }

        Recent = await days.OrderByDescending(d => d.Date).ThenByDescending(d => d.Id).Take(100)
            .Select(d => new Row(d.Id, d.Date, LocalName.Of(d.Unit!.Name, d.Unit.NameEn), d.ReceivedBy, d.CitizensReceived, d.Notes))
            .ToListAsync(ct);
    }
}

public sealed class ReceptionInput
{
    [Display(Name = "Đơn vị")]
    public int UnitId { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [Display(Name = "Ngày tiếp")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [StringLength(300, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Lãnh đạo tiếp công dân")]
    public string ReceivedBy { get; set; } = "";

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [Range(0, 10000, ErrorMessage = "{0} phải từ {1} đến {2}.")]
    [Display(Name = "Số lượt công dân được tiếp")]
    public int? CitizensReceived { get; set; }

    [StringLength(2000, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Ghi chú")]
    public string? Notes { get; set; }
}
