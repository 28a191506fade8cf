using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CitizenVoice.Features.Organisation;

/// <summary>Operations on the unit tree that keep <see cref="Unit.Path"/> right: moves and merges.</summary>
public static class UnitTree
{
    public static string PathOf(Unit unit, IReadOnlyDictionary<int, Unit> byId)
    {
        var ids = new List<int>();
        for (Unit? u = unit; u is not null; u = u.ParentId is { } p ? byId[p] : null)
        {
            ids.Add(u.Id);
        }

        ids.Reverse();
        return "/" + string.Join('/', ids) + "/";
    }

    /// <summary>
    /// Moves a unit (with everything under it) below a new parent, and tells the <see cref="IUnitMoveListener"/>s (the
    /// survey rollups move its history with it). Call it inside a transaction that also saves the change. With the date
    /// of the move (<paramref name="on"/>), the former parent is kept in the unit's parent history.
    /// </summary>
    public static async Task MoveAsync(AppDb db, Unit unit, Unit? newParent, DateOnly? on = null, CancellationToken cancellationToken = default)
    {
        if (newParent is not null && newParent.Path.StartsWith(unit.Path, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A unit cannot be moved under itself.");
        }

        var oldPath = unit.Path;
        var newPath = (newParent?.Path ?? "/") + unit.Id + "/";
        if (on is { } date && unit.ParentId != newParent?.Id)
        {
            db.UnitParentHistory.Add(new UnitParentRecord { UnitId = unit.Id, ParentId = unit.ParentId, ValidTo = date });
        }

        unit.ParentId = newParent?.Id;
        unit.Parent = newParent;
        if (oldPath == newPath)
        {
            return;
        }

        // The caller saves the new paths in the transaction this runs in.
        foreach (var listener in MoveListeners(db))
        {
            await listener.UnitMovingAsync(db, oldPath, newPath, cancellationToken);
        }

        // Loaded and changed through the change tracker (not ExecuteUpdate) so the audit log sees every moved unit.
        var subtree = await db.Units.Where(u => u.Path.StartsWith(oldPath)).ToListAsync(cancellationToken);
        foreach (var u in subtree)
        {
            u.Path = newPath + u.Path[oldPath.Length..];
        }
    }

    /// <summary>The listeners the context was built with (registered as interceptors, see <see cref="IUnitMoveListener"/>).</summary>
    private static IEnumerable<IUnitMoveListener> MoveListeners(AppDb db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<IUnitMoveListener>() ?? [];

    /// <summary>
    /// Merges <paramref name="unit"/> into <paramref name="successor"/> on <paramref name="date"/>: the unit becomes
    /// inactive and points to its successor, its active sub-units move under the successor, and its history
    /// (everything recorded against its id) stays where it is.
    /// </summary>
    public static async Task MergeAsync(AppDb db, Unit unit, Unit successor, DateOnly date, CancellationToken cancellationToken = default)
    {
        if (successor.Id == unit.Id || successor.Path.StartsWith(unit.Path, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("A unit cannot be merged into itself or a unit under it.");
        }

        var children = await db.Units
            .Active().Where(u => u.ParentId == unit.Id)
            .ToListAsync(cancellationToken);
        foreach (var child in children)
        {
            await MoveAsync(db, child, successor, date, cancellationToken);
        }

        // The successor now serves the merged unit's citizens, so it serves their fields too: a passport office merged
        // into a province police keeps passports on the province's survey form and results.
        var carried = await db.UnitFields
            .Where(f => f.UnitId == unit.Id && !db.UnitFields.Any(s => s.UnitId == successor.Id && s.FieldId == f.FieldId))
            .Select(f => f.FieldId).ToListAsync(cancellationToken);
        db.UnitFields.AddRange(carried.Select(fieldId => new UnitField { UnitId = successor.Id, FieldId = fieldId }));

        // A unit at the top of the tree (a province merged into another, Bắc Kạn into Thái Nguyên) goes under its
        // successor with its history, as a merged commune stays under its district: the successor's staff, whose
        // lists and extracts are their unit's subtree, keep seeing what was recorded before the merger.
        if (unit.ParentId is null)
        {
            await MoveAsync(db, unit, successor, date, cancellationToken);
        }

        unit.ValidTo = date;
        unit.SuccessorId = successor.Id;
    }

    /// <summary>
    /// The code of the active unit that now answers for a merged unit: its successor, or the successor's successor when
    /// that was merged in turn. Null when the code is unknown, the unit is not merged, or the chain ends in a unit that is
    /// no longer active. Printed QR codes and kiosk links name the unit for years, so they follow this to the unit that
    /// serves its citizens now.
    /// </summary>
    public static async Task<string?> SuccessorCodeAsync(AppDb db, string code, CancellationToken cancellationToken = default)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == code)
            .Select(u => new { u.Id, u.Code, u.SuccessorId, u.ValidTo }).SingleOrDefaultAsync(cancellationToken);
        if (unit?.SuccessorId is null)
        {
            return null;
        }

        // A chain is a handful of merges over decades; the bound only guards against a loop in bad data.
        for (var seen = 0; unit?.SuccessorId is { } next && seen < 50; seen++)
        {
            unit = await db.Units.AsNoTracking().Where(u => u.Id == next)
                .Select(u => new { u.Id, u.Code, u.SuccessorId, u.ValidTo }).SingleOrDefaultAsync(cancellationToken);
        }

        return unit is { SuccessorId: null, ValidTo: null } ? unit.Code : null;
    }

    /// <summary>The unit and every unit merged into it, directly or through a chain of merges.</summary>
    public static async Task<List<int>> WithPredecessorsAsync(AppDb db, int unitId, CancellationToken cancellationToken = default) =>
        WithPredecessors(unitId, await db.Units.Where(u => u.SuccessorId != null)
            .ToDictionaryAsync(u => u.Id, u => u.SuccessorId!.Value, cancellationToken));

    /// <summary>The same, from the successor of every unit merged away (few: a report reads them once).</summary>
    public static List<int> WithPredecessors(int unitId, IReadOnlyDictionary<int, int> successorOf)
    {
        var result = new List<int> { unitId };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(successorOf.Where(s => s.Value == result[i] && !result.Contains(s.Key)).Select(s => s.Key).ToList());
        }

        return result;
    }
}
