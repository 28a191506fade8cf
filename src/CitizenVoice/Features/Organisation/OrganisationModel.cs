using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Organisation;

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> unit)
    {
        unit.HasIndex(u => u.Code).IsUnique();
        unit.HasIndex(u => u.Path);
        unit.Property(u => u.Code).HasMaxLength(40);
        unit.Property(u => u.GsoCode).HasMaxLength(10);
        unit.Property(u => u.Name).HasMaxLength(200);
        unit.Property(u => u.NameEn).HasMaxLength(200);
        unit.Property(u => u.AreaType).HasMaxLength(40);
        unit.Property(u => u.Path).HasMaxLength(400);
        unit.Property(u => u.Address).HasMaxLength(300);
        unit.Property(u => u.Hotline).HasMaxLength(40);
        unit.Property(u => u.Email).HasMaxLength(200);
        unit.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        unit.HasOne(u => u.Successor).WithMany().HasForeignKey(u => u.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        unit.HasMany(u => u.NameHistory).WithOne().HasForeignKey(h => h.UnitId).OnDelete(DeleteBehavior.Cascade);
        unit.HasMany(u => u.ParentHistory).WithOne().HasForeignKey(h => h.UnitId).OnDelete(DeleteBehavior.Cascade);
        unit.Ignore(u => u.IsActive);
    }
}

internal sealed class UnitNameRecordConfiguration : IEntityTypeConfiguration<UnitNameRecord>
{
    public void Configure(EntityTypeBuilder<UnitNameRecord> record)
    {
        record.Property(r => r.Name).HasMaxLength(200);
        record.Property(r => r.NameEn).HasMaxLength(200);
        record.Property(r => r.AreaType).HasMaxLength(40);
    }
}

internal sealed class UnitParentRecordConfiguration : IEntityTypeConfiguration<UnitParentRecord>
{
    public void Configure(EntityTypeBuilder<UnitParentRecord> record) =>
        record.HasOne<Unit>().WithMany().HasForeignKey(r => r.ParentId).OnDelete(DeleteBehavior.Restrict);
}

internal sealed class ServiceFieldConfiguration : IEntityTypeConfiguration<ServiceField>
{
    public void Configure(EntityTypeBuilder<ServiceField> field)
    {
        field.HasIndex(f => f.Code).IsUnique();
        field.Property(f => f.Code).HasMaxLength(20);
        field.Property(f => f.Name).HasMaxLength(200);
        field.Property(f => f.NameEn).HasMaxLength(200);
    }
}

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> procedure)
    {
        procedure.HasIndex(p => p.Code).IsUnique();
        procedure.Property(p => p.Code).HasMaxLength(40);
        procedure.Property(p => p.Name).HasMaxLength(400);
        procedure.Property(p => p.NameEn).HasMaxLength(400);
        procedure.Property(p => p.NationalCode).HasMaxLength(20);
        procedure.HasOne(p => p.Field).WithMany().HasForeignKey(p => p.FieldId).OnDelete(DeleteBehavior.Restrict);
    }
}
