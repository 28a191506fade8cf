using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Contacts;

/// <summary>
/// A contact point that guides and supports citizens with administrative procedures ("đầu mối hướng dẫn, hỗ trợ
/// thực hiện TTHC"): a unit's desk for one field, or for all its fields. These are the agency's public numbers and
/// addresses, published on purpose; no person's private details are kept here.
/// </summary>
public sealed class ContactPoint : IAudited
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    /// <summary>The field the desk handles; null when it answers for every field the unit serves.</summary>
    public int? FieldId { get; set; }

    public ServiceField? Field { get; set; }

    /// <summary>The desk, as citizens know it: "Bộ phận Một cửa", "Đội Cảnh sát quản lý hành chính".</summary>
    public string Name { get; set; } = "";

    public string? Hotline { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? Address { get; set; }

    /// <summary>When citizens are received, as free text ("Thứ Hai – thứ Sáu, 7:30–11:30 và 13:30–17:00").</summary>
    public string? ReceptionHours { get; set; }

    public int SortOrder { get; set; }

    string IAudited.AuditKey => Name;
}

internal sealed class ContactPointConfiguration : IEntityTypeConfiguration<ContactPoint>
{
    public void Configure(EntityTypeBuilder<ContactPoint> e)
    {
        e.ToTable("ContactPoints");
        e.HasOne(c => c.Unit).WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(c => c.Field).WithMany().HasForeignKey(c => c.FieldId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.UnitId, c.FieldId });
        e.Property(c => c.Name).HasMaxLength(200);
        e.Property(c => c.Hotline).HasMaxLength(40);
        e.Property(c => c.Phone).HasMaxLength(40);
        e.Property(c => c.Email).HasMaxLength(200);
        e.Property(c => c.Address).HasMaxLength(300);
        e.Property(c => c.ReceptionHours).HasMaxLength(300);
    }
}
