using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditLog");
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.EntityType, e.EntityKey });
        entry.Property(e => e.UserName).HasMaxLength(256);
        entry.Property(e => e.Action).HasMaxLength(20);
        entry.Property(e => e.EntityType).HasMaxLength(60);
        entry.Property(e => e.EntityKey).HasMaxLength(300);
    }
}
