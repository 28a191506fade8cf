using CitizenVoice.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// One uploaded reorganisation file: checked and previewed on upload, applied at most once. The applied ones are the
/// history of the organisation's changes (who, when, which file, what it did); the audit log holds every unit it changed.
/// </summary>
public sealed class Reorganisation : IAudited
{
    public int Id { get; set; }
    public required string FileName { get; set; }
    public required string Sha256 { get; set; }
    public DateOnly EffectiveDate { get; set; }
    /// <summary>What happens to the staff accounts of a unit merged or abolished when its row says nothing.</summary>
    public StaffOnClose DefaultStaff { get; set; }
    public required string UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }
    public string? AppliedBy { get; set; }
    public DateTime? AppliedAt { get; set; }
    /// <summary>What the application did, in Vietnamese words, for the history page.</summary>
    public string? Summary { get; set; }

    string IAudited.AuditKey => FileName;
}

/// <summary>
/// The uploaded file's bytes, kept apart from <see cref="Reorganisation"/> so the audit log records the upload, not a
/// copy of the file; apply reads and checks it again, since the tree may have changed since the preview.
/// </summary>
public sealed class ReorganisationUpload
{
    public int ReorganisationId { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>What becomes of the staff accounts of a unit that is merged or abolished.</summary>
public enum StaffOnClose
{
    /// <summary>Moved to the unit that takes it over: the people keep working, now for the successor.</summary>
    Move = 0,
    /// <summary>Disabled: the people leave with the unit; an administrator can enable an account again.</summary>
    Disable = 1,
}

internal sealed class ReorganisationConfiguration : IEntityTypeConfiguration<Reorganisation>
{
    public void Configure(EntityTypeBuilder<Reorganisation> reorganisation)
    {
        reorganisation.Property(r => r.FileName).HasMaxLength(200);
        reorganisation.Property(r => r.Sha256).HasMaxLength(64);
        reorganisation.Property(r => r.UploadedBy).HasMaxLength(256);
        reorganisation.Property(r => r.AppliedBy).HasMaxLength(256);
        reorganisation.Property(r => r.Summary).HasMaxLength(2000);
        reorganisation.HasIndex(r => r.UploadedAt);
    }
}

internal sealed class ReorganisationUploadConfiguration : IEntityTypeConfiguration<ReorganisationUpload>
{
    public void Configure(EntityTypeBuilder<ReorganisationUpload> file)
    {
        file.HasKey(f => f.ReorganisationId);
        file.HasOne<Reorganisation>().WithOne().HasForeignKey<ReorganisationUpload>(f => f.ReorganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
