using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Organisation;

/// <summary>A unit's record for staff: open to the staff of that unit and of every unit above it, to no one else.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class UnitProfileModel(AppDb db, IAuthorizationService authorization) : PageModel
{
    public sealed record Child(string Code, string Name);

    public Unit Unit { get; private set; } = null!;
    public string? ParentName { get; private set; }
    public string? SuccessorName { get; private set; }
    public IReadOnlyList<Child> Children { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code)
    {
        var unit = await db.Units.AsNoTracking().Include(u => u.NameHistory).SingleOrDefaultAsync(u => u.Code == code);
        if (unit is null)
        {
            return NotFound();
        }

        // A link or QR code to a unit that was merged or abolished opens the unit that answers for it now; the old unit's
        // record stays in the unit tree.
        if (unit.SuccessorId is not null && await UnitTree.SuccessorCodeAsync(db, unit.Code, HttpContext.RequestAborted) is { } successor)
        {
            return Redirect($"/can-bo/don-vi/{Uri.EscapeDataString(successor)}");
        }

        if (!(await authorization.AuthorizeAsync(User, unit.Id, UnitScope.Policy)).Succeeded)
        {
            return Forbid();
        }

        Unit = unit;
        ParentName = await db.Units.Where(u => u.Id == unit.ParentId).Select(u => LocalName.Of(u.Name, u.NameEn)).SingleOrDefaultAsync();
        SuccessorName = await db.Units.Where(u => u.Id == unit.SuccessorId).Select(u => LocalName.Of(u.Name, u.NameEn)).SingleOrDefaultAsync();
        var children = await db.Units.AsNoTracking().Active().Where(u => u.ParentId == unit.Id)
            .Select(u => new Child(u.Code, LocalName.Of(u.Name, u.NameEn))).ToListAsync();
        Children = [.. children.OrderBy(c => c.Name, Infrastructure.Localisation.VietnameseOrder)];
        return Page();
    }
}
