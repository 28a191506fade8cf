using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Staff;

internal sealed class StaffAccounts(AppDb db) : IStaffAccounts
{
    public Task<int> CountInUnitAsync(int unitId, CancellationToken cancellationToken) =>
        db.Users.CountAsync(u => u.UnitId == unitId, cancellationToken);

    public async Task<IReadOnlyDictionary<int, int>> CountByUnitAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken)
    {
        var ids = unitIds.ToList();
        return await db.Users.Where(u => ids.Contains(u.UnitId)).GroupBy(u => u.UnitId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    public async Task<int> MoveAsync(int fromUnitId, int toUnitId, CancellationToken cancellationToken)
    {
        var accounts = await db.Users.Where(u => u.UnitId == fromUnitId).ToListAsync(cancellationToken);
        foreach (var account in accounts)
        {
            // The unit is in the sign-in cookie: a new stamp ends the session, and the next sign-in reads the new unit.
            account.UnitId = toUnitId;
            account.SecurityStamp = Guid.NewGuid().ToString();
        }

        return accounts.Count;
    }

    public async Task<int> DisableAsync(int unitId, CancellationToken cancellationToken)
    {
        // Filtered in memory: SQLite cannot compare the offsets the lockout is stored with.
        var accounts = (await db.Users.Where(u => u.UnitId == unitId).ToListAsync(cancellationToken)).Where(u => !u.IsDisabled).ToList();
        foreach (var account in accounts)
        {
            // Disabled the way the account page disables one (locked out for good), so it can be enabled again there.
            account.LockoutEnd = DateTimeOffset.MaxValue;
            account.SecurityStamp = Guid.NewGuid().ToString();
        }

        return accounts.Count;
    }
}
