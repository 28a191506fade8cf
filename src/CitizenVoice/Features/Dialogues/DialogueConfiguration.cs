using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Dialogues;

// Enums are stored as their names: the tables stay readable in reports and ad-hoc SQL.
internal sealed class DialogueSessionConfiguration : IEntityTypeConfiguration<DialogueSession>
{
    public void Configure(EntityTypeBuilder<DialogueSession> session)
    {
        session.ToTable("DialogueSessions");
        session.Property(s => s.Title).HasMaxLength(300);
        session.Property(s => s.Content).HasMaxLength(4000);
        session.Property(s => s.Chair).HasMaxLength(300);
        session.Property(s => s.Officials).HasMaxLength(2000);
        session.Property(s => s.Venue).HasMaxLength(300);
        session.Property(s => s.AnnouncementApprovedBy).HasMaxLength(200);
        session.Property(s => s.SignatureNote).HasMaxLength(2000);
        session.Property(s => s.MinutesSecretary).HasMaxLength(200);
        session.Property(s => s.Format).HasConversion<string>().HasMaxLength(20);
        session.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        session.HasOne(s => s.HostUnit).WithMany().HasForeignKey(s => s.HostUnitId).OnDelete(DeleteBehavior.Restrict);
        session.HasIndex(s => s.StartsAt);
        session.HasIndex(s => s.HostUnitId);
        session.Ignore(s => s.DelegateTotal);
        session.Ignore(s => s.AcceptsQuestions);
    }
}

internal sealed class OpinionConfiguration : IEntityTypeConfiguration<Opinion>
{
    public void Configure(EntityTypeBuilder<Opinion> opinion)
    {
        opinion.Property(o => o.FieldCode).HasMaxLength(20);
        opinion.Property(o => o.AuthorName).HasMaxLength(100);
        opinion.Property(o => o.ProtectedContact).HasMaxLength(1000);
        opinion.Property(o => o.Text).HasMaxLength(4000);
        opinion.Property(o => o.OriginalText).HasMaxLength(4000);
        opinion.Property(o => o.Answer).HasMaxLength(8000);
        opinion.Property(o => o.AnsweredBy).HasMaxLength(300);
        opinion.Property(o => o.Channel).HasConversion<string>().HasMaxLength(20);
        opinion.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        opinion.Property(o => o.RejectionReason).HasConversion<string>().HasMaxLength(30);
        opinion.Property(o => o.AnswerTiming).HasConversion<string>().HasMaxLength(20);
        opinion.HasOne(o => o.Session).WithMany(s => s.Opinions).HasForeignKey(o => o.SessionId).OnDelete(DeleteBehavior.Cascade);
        opinion.HasOne(o => o.MergedInto).WithMany().HasForeignKey(o => o.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        opinion.HasOne(o => o.AnsweringUnit).WithMany().HasForeignKey(o => o.AnsweringUnitId).OnDelete(DeleteBehavior.Restrict);
        opinion.HasIndex(o => new { o.SessionId, o.Status });
        opinion.Property(o => o.TrackingCode).HasMaxLength(Shared.TrackingCodes.MaxLength);
        opinion.Property(o => o.SecretHash).HasMaxLength(100);
        opinion.HasIndex(o => o.TrackingCode).IsUnique();
        // The published answers feed reads the newest answers.
        opinion.HasIndex(o => new { o.Status, o.AnsweredAt });
    }
}

internal sealed class OpinionSupportConfiguration : IEntityTypeConfiguration<OpinionSupport>
{
    public void Configure(EntityTypeBuilder<OpinionSupport> support)
    {
        support.Property(s => s.VoterHash).HasMaxLength(64);
        // The database, not the page, guarantees one support per browser per opinion.
        support.HasIndex(s => new { s.OpinionId, s.VoterHash }).IsUnique();
        support.HasOne<Opinion>().WithMany().HasForeignKey(s => s.OpinionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommitmentConfiguration : IEntityTypeConfiguration<Commitment>
{
    public void Configure(EntityTypeBuilder<Commitment> commitment)
    {
        commitment.Property(c => c.What).HasMaxLength(2000);
        commitment.Property(c => c.Evidence).HasMaxLength(2000);
        commitment.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        commitment.HasOne(c => c.Opinion).WithMany(o => o.Commitments).HasForeignKey(c => c.OpinionId).OnDelete(DeleteBehavior.Cascade);
        commitment.HasOne(c => c.Session).WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.NoAction);
        commitment.HasOne(c => c.ResponsibleUnit).WithMany().HasForeignKey(c => c.ResponsibleUnitId).OnDelete(DeleteBehavior.Restrict);
        commitment.HasIndex(c => new { c.Status, c.DueOn });
        commitment.HasIndex(c => c.SessionId);
    }
}

internal sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> registration)
    {
        registration.Property(r => r.AttendeeName).HasMaxLength(100);
        registration.Property(r => r.VillageOrOrganisation).HasMaxLength(200);
        registration.Property(r => r.ProtectedPhone).HasMaxLength(1000);
        registration.Property(r => r.Code).HasMaxLength(8);
        registration.Property(r => r.Group).HasConversion<string>().HasMaxLength(20);
        registration.HasIndex(r => r.Code).IsUnique();
        registration.HasIndex(r => r.SessionId);
        registration.HasOne(r => r.Session).WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
