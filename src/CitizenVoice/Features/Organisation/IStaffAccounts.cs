namespace CitizenVoice.Features.Organisation;

/// <summary>
/// How many staff accounts belong to a unit, asked before a merge so the administrator sees what moves with it.
/// Staff accounts are the Staff feature's, and Staff already depends on Organisation (every account has a unit), so
/// Organisation asks through this port, which Staff implements, rather than reading the accounts itself.
/// </summary>
public interface IStaffAccounts
{
    Task<int> CountInUnitAsync(int unitId, CancellationToken cancellationToken);
}
