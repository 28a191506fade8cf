using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Organisation;

[Authorize(Policy = Policies.Administrator)]
public sealed class UnitMergeModel(AppDb db, UnitScope scope, IStaffAccounts staffAccounts, IEnumerable<IUnitRecords> records, IAuthorizationService authorization, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public sealed record Option(int Id, string Code, string Name);

    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng chọn {0}.")]
    [Display(Name = "Đơn vị tiếp nhận")]
    public int? SuccessorId { get; set; }

    [BindProperty]
    [Display(Name = "Ngày sáp nhập")]
    public DateOnly Date { get; set; }

    /// <summary>Set by the confirmation step's button: the administrator has read what the merge will do.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    public string UnitName { get; private set; } = "";
    public string UnitCode { get; private set; } = "";
    public IReadOnlyList<Option> Successors { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    /// <summary>The checked merge waiting for confirmation: what it will do, said before it is done (it cannot be undone here).</summary>
    public (string Code, string Name, int SubUnits, int Staff)? Pending { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == Id);
        if (unit is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, unit.Id, UnitScope.Policy)).Succeeded)
        {
            return Forbid();
        }

        Date = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        await LoadAsync(unit);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == Id);
        if (unit is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, unit.Id, UnitScope.Policy)).Succeeded)
        {
            return Forbid();
        }

        var successor = SuccessorId is { } s ? await db.Units.SingleOrDefaultAsync(u => u.Id == s) : null;
        if (successor is null || !(await authorization.AuthorizeAsync(User, successor.Id, UnitScope.Policy)).Succeeded
            || !successor.IsActive || successor.Path.StartsWith(unit.Path, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(SuccessorId), l["Vui lòng chọn một đơn vị đang hoạt động, không phải đơn vị này hay đơn vị cấp dưới của nó."]);
        }

        if (!unit.IsActive)
        {
            ModelState.AddModelError(string.Empty, l["Đơn vị này đã ngừng hoạt động."]);
        }

        if (Date < unit.ValidFrom)
        {
            ModelState.AddModelError(nameof(Date), l["Ngày sáp nhập phải sau ngày đơn vị bắt đầu hiệu lực."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(unit);
            return Page();
        }

        if (!Confirmed)
        {
            await LoadAsync(unit);
            var subUnits = await db.Units.Active().CountAsync(u => u.ParentId == unit.Id);
            var staff = await staffAccounts.CountInUnitAsync(unit.Id, HttpContext.RequestAborted);
            Pending = (successor!.Code, successor.Name, subUnits, staff);
            return Page();
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await UnitTree.MergeAsync(db, unit, successor!, Date);
            await records.HandOverAsync(new Dictionary<int, int> { [unit.Id] = successor!.Id }, HttpContext.RequestAborted);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        TempData["Message"] = l["Đã sáp nhập {0} vào {1}.", unit.Name, successor!.Name].Value;
        return Redirect("/quan-tri/don-vi");
    }

    private async Task LoadAsync(Unit unit)
    {
        (UnitName, UnitCode) = (unit.Name, unit.Code);
        var within = await scope.WithinAsync(User);
        var successors = within.Where(u => !u.Path.StartsWith(unit.Path));
        var options = await successors.AsNoTracking().Active()
            .Select(u => new Option(u.Id, u.Code, u.Name)).ToListAsync();
        Successors = [.. options.OrderBy(o => o.Code, StringComparer.Ordinal)];
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, successors, HttpContext.RequestAborted);
    }
}
