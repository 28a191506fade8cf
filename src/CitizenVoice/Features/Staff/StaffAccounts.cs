using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Staff;

internal sealed class StaffAccounts(AppDb db) : IStaffAccounts
{
    public Task<int> CountInUnitAsync(int unitId, CancellationToken cancellationToken) =>
        db.Users.CountAsync(u => u.UnitId == unitId, cancellationToken);
}
