using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// A question the moderator gave a unit (and, when they name one, an official of it) to answer in writing by a due
/// date. Officers of the unit draft the answer; a leader of the unit approves it, and only then is it published with
/// the question, or sends it back with a reason. One per opinion: giving it to another unit moves this one, and the
/// audit log keeps who had it before.
/// </summary>
public sealed class AnswerAssignment : IAudited
{
    public int Id { get; set; }
    public int OpinionId { get; set; }
    public Opinion? Opinion { get; set; }
    /// <summary>Copied from the opinion so the work list needs no join through opinions to find its session.</summary>
    public int SessionId { get; set; }
    public DialogueSession? Session { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    /// <summary>The official named by the moderator, if any; anybody of the unit may still draft (a colleague stands in).</summary>
    public string? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }
    public DateOnly DueOn { get; set; }
    public AnswerAssignmentStatus Status { get; set; }
    public required string AssignedBy { get; set; }
    public DateTime AssignedAt { get; set; }
    public string? Draft { get; set; }
    public string? DraftedBy { get; set; }
    public DateTime? DraftedAt { get; set; }
    /// <summary>Why the leader sent the last draft back; kept until the next draft so the officer sees what to change.</summary>
    public string? ReturnReason { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedAt { get; set; }
    /// <summary>
    /// The Vietnamese day the last overdue reminder was claimed. A run sets it with a conditional update before mailing,
    /// so that of several copies of the app only one mails an assignment, and none mails it twice the same day.
    /// </summary>
    public DateOnly? OverdueRemindedOn { get; set; }

    public bool IsOpen => Status != AnswerAssignmentStatus.Published;

    public bool IsOverdue(DateOnly today) => IsOpen && DueOn < today;

    string IAudited.AuditKey => $"GTL-{Id}";
}

public enum AnswerAssignmentStatus
{
    /// <summary>Given to the unit; nobody has drafted yet.</summary>
    Assigned = 0,
    AwaitingApproval = 1,
    Returned = 2,
    Published = 3,
}

internal sealed class AnswerAssignmentConfiguration : IEntityTypeConfiguration<AnswerAssignment>
{
    public void Configure(EntityTypeBuilder<AnswerAssignment> assignment)
    {
        assignment.ToTable("AnswerAssignments");
        assignment.Property(a => a.AssigneeId).HasMaxLength(450);
        assignment.Property(a => a.AssigneeName).HasMaxLength(200);
        assignment.Property(a => a.AssignedBy).HasMaxLength(200);
        assignment.Property(a => a.Draft).HasMaxLength(8000);
        assignment.Property(a => a.DraftedBy).HasMaxLength(200);
        assignment.Property(a => a.ReturnReason).HasMaxLength(2000);
        assignment.Property(a => a.ReviewedBy).HasMaxLength(200);
        assignment.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        assignment.HasIndex(a => a.OpinionId).IsUnique();
        // The work list: a unit's open assignments by due date.
        assignment.HasIndex(a => new { a.UnitId, a.Status, a.DueOn });
        assignment.HasOne(a => a.Opinion).WithMany().HasForeignKey(a => a.OpinionId).OnDelete(DeleteBehavior.Cascade);
        assignment.HasOne(a => a.Session).WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.NoAction);
        assignment.HasOne(a => a.Unit).WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
