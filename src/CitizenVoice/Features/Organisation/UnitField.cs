using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// A field (lĩnh vực) a unit serves: a commune police registers residence but does not issue passports, so a citizen
/// can only rate a unit for what it actually does. Kept by administrators on the unit's edit page.
/// </summary>
public sealed class UnitField
{
    public int UnitId { get; set; }
    public int FieldId { get; set; }
}

internal sealed class UnitFieldConfiguration : IEntityTypeConfiguration<UnitField>
{
    public void Configure(EntityTypeBuilder<UnitField> served)
    {
        served.HasKey(s => new { s.UnitId, s.FieldId });
        served.HasIndex(s => s.FieldId);
        served.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Cascade);
        served.HasOne<ServiceField>().WithMany().HasForeignKey(s => s.FieldId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Which fields units serve, as the one query every channel and every list of a unit's fields uses.</summary>
public static class UnitFields
{
    /// <summary>The active fields the unit with this code serves, in the fields' order (none for an unknown code).</summary>
    public static IQueryable<ServiceField> FieldsServedBy(this AppDb db, string unitCode) =>
        db.Fields.Where(f => f.IsActive && db.UnitFields.Any(s => s.FieldId == f.Id && db.Units.Any(u => u.Id == s.UnitId && u.Code == unitCode)))
            .OrderBy(f => f.SortOrder).ThenBy(f => f.Code);

    /// <summary>The active fields served by the unit at <paramref name="path"/> or any unit under it: what its results can be filtered by.</summary>
    public static IQueryable<ServiceField> FieldsServedWithin(this AppDb db, string path) =>
        db.Fields.Where(f => f.IsActive && db.UnitFields.Any(s => s.FieldId == f.Id && db.Units.Any(u => u.Id == s.UnitId && u.Path.StartsWith(path))))
            .OrderBy(f => f.SortOrder).ThenBy(f => f.Code);

    /// <summary>Whether the unit with this code serves the active field with this code.</summary>
    public static Task<bool> ServesAsync(this AppDb db, string unitCode, string fieldCode, CancellationToken ct = default) =>
        db.FieldsServedBy(unitCode).AnyAsync(f => f.Code == fieldCode, ct);
}
