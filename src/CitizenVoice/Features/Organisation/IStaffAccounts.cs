namespace CitizenVoice.Features.Organisation;

/// <summary>
/// The staff accounts of units, asked before a merge or a reorganisation so the administrator sees what moves with it,
/// and moved or disabled when a unit closes. Staff accounts are the Staff feature's, and Staff already depends on
/// Organisation (every account has a unit), so Organisation asks through this port, which Staff implements, rather than
/// reading the accounts itself. Changes are made in the caller's context and saved by the caller, in its transaction.
/// </summary>
public interface IStaffAccounts
{
    Task<int> CountInUnitAsync(int unitId, CancellationToken cancellationToken);

    /// <summary>How many accounts each of the units has (units with none may be left out).</summary>
    Task<IReadOnlyDictionary<int, int>> CountByUnitAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken);

    /// <summary>Moves every account of one unit to another; their sessions end, so the next sign-in carries the new unit.</summary>
    Task<int> MoveAsync(int fromUnitId, int toUnitId, CancellationToken cancellationToken);

    /// <summary>Disables every account of the unit and ends their sessions.</summary>
    Task<int> DisableAsync(int unitId, CancellationToken cancellationToken);
}
