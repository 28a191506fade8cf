using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// Told when a unit moves to another parent with everything under it (a move, or a merge that moves the merged unit's
/// sub-units), so that other features can follow the tree without Organisation knowing them: the survey rollups move
/// the subtree's history to its new ancestors. Implementations are registered as singletons of this interface; like
/// the save interceptors, every <see cref="AppDb"/> carries them (<c>DatabaseSetup</c>), so <see cref="UnitTree"/>
/// reaches them through the context it is given.
/// </summary>
public interface IUnitMoveListener : IInterceptor
{
    /// <summary>
    /// The subtree at <paramref name="oldPath"/> is about to move to <paramref name="newPath"/>. Called in the mover's
    /// transaction, before the new paths are saved (the database still holds the old ones); an exception undoes the move.
    /// </summary>
    Task UnitMovingAsync(AppDb db, string oldPath, string newPath, CancellationToken cancellationToken);
}
