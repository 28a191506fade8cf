using CitizenVoice.Infrastructure;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Staff;

[Authorize(Policy = Policies.Administrator)]
public sealed class StaffListModel(AppDb db, UnitScope scope) : PageModel
{
    public sealed record Row(string Id, string UserName, string FullName, string UnitName, IReadOnlyList<string> Roles, bool Disabled, bool TwoFactor);

    public IReadOnlyList<Row> Staff { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var units = await scope.WithinAsync(User);
        var farFuture = DateTimeOffset.UtcNow.AddYears(50);
        var rows = await db.Users.AsNoTracking()
            .Where(u => units.Any(x => x.Id == u.UnitId))
            .OrderBy(u => u.UserName)
            .Select(u => new
            {
                u.Id, u.UserName, u.FullName, UnitName = LocalName.Of(u.Unit!.Name, u.Unit.NameEn), u.TwoFactorEnabled, u.LockoutEnd,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync();
        Staff = rows.Select(u => new Row(u.Id, u.UserName!, u.FullName, u.UnitName, u.Roles, u.LockoutEnd > farFuture, u.TwoFactorEnabled)).ToList();
    }
}
