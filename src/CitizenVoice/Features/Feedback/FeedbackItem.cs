using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Feedback;

/// <summary>What the citizen sends, as the law names it: a suggestion (góp ý), a report of something wrong (phản ánh)
/// or a request to change something (kiến nghị).</summary>
public enum FeedbackKind
{
    Suggestion = 1,
    Report = 2,
    Petition = 3,
}

/// <summary>How the item reached the agency: the web form, or staff entering what came by phone, email, letter or the
/// comment box at a reception point.</summary>
public enum FeedbackChannel
{
    Web = 1,
    Phone = 2,
    Email = 3,
    Letter = 4,
    CommentBox = 5,
}

public enum FeedbackStatus
{
    /// <summary>Waiting for the unit to accept it, reject it or forward it.</summary>
    Received = 1,
    /// <summary>Accepted; the unit is working on the answer.</summary>
    InProgress = 2,
    /// <summary>The unit asked the citizen for more; the deadline's clock is stopped.</summary>
    WaitingForCitizen = 3,
    /// <summary>An answer is drafted and waits for a leader's approval.</summary>
    AwaitingApproval = 4,
    Answered = 5,
    Rejected = 6,
    /// <summary>The citizen was satisfied with the answer.</summary>
    Closed = 7,
}

/// <summary>
/// One piece of feedback from its receipt to its answer. The citizen follows it with the tracking code; the secret
/// (kept only as a hash) shows its content and answer and lets them see and delete their personal data.
/// </summary>
public sealed class FeedbackItem : IAudited
{
    public int Id { get; set; }

    /// <summary>What the citizen quotes: "PA-2026-7KQ3MX". Unguessable, so it can be typed into a public page.</summary>
    public required string TrackingCode { get; set; }

    public required string SecretHash { get; set; }

    public FeedbackKind Kind { get; set; }

    public FeedbackChannel Channel { get; set; }

    public int FieldId { get; set; }

    public ServiceField? Field { get; set; }

    /// <summary>The unit the citizen addressed (or the province when they did not know).</summary>
    public int ReceivingUnitId { get; set; }

    public Unit? ReceivingUnit { get; set; }

    /// <summary>The unit that must answer now; changes when the item is forwarded.</summary>
    public int AssignedUnitId { get; set; }

    public Unit? AssignedUnit { get; set; }

    public required string Subject { get; set; }

    public required string Content { get; set; }

    /// <summary>Encrypted with Data Protection; null when the citizen gave none or deleted it.</summary>
    public string? NameProtected { get; set; }

    public string? EmailProtected { get; set; }

    public string? PhoneProtected { get; set; }

    /// <summary>The citizen agreed that the question and answer may be published, without their name or contact.</summary>
    public bool PublishConsent { get; set; }

    public DateTime ReceivedAt { get; set; }

    public DateOnly ReceivedOn { get; set; }

    public FeedbackStatus Status { get; set; }

    /// <summary>When the current step must be done; null when nothing is due (answered, rejected, waiting for the citizen).</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>Working days that were left when the clock stopped to wait for the citizen.</summary>
    public int? PausedWorkingDays { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>What the unit asked the citizen to add.</summary>
    public string? InformationRequest { get; set; }

    public string? Answer { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>The answer was late: given after the deadline of the step it answered.</summary>
    public bool AnsweredLate { get; set; }

    /// <summary>The citizen's verdict on the answer: true hài lòng, false không hài lòng, null not yet rated.</summary>
    public bool? Satisfied { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>The last deadline reminder sent, as "2026-12-10:near" or "2026-12-10:overdue": each deadline is reminded
    /// once when it comes near and once when it has passed, and a copy of the app claims it by changing this first.</summary>
    public string? ReminderSent { get; set; }

    /// <summary>When the personal data was removed (by the citizen or after the retention time); the item stays.</summary>
    public DateTime? AnonymisedAt { get; set; }

    public List<FeedbackEvent> Events { get; set; } = [];

    public List<FeedbackAttachment> Attachments { get; set; } = [];

    public bool IsOpen => Status is FeedbackStatus.Received or FeedbackStatus.InProgress or FeedbackStatus.WaitingForCitizen or FeedbackStatus.AwaitingApproval;

    string IAudited.AuditKey => TrackingCode;
}

public enum FeedbackAction
{
    Received = 1,
    Accepted = 2,
    Rejected = 3,
    Forwarded = 4,
    InformationRequested = 5,
    InformationAdded = 6,
    AnswerDrafted = 7,
    AnswerReturned = 8,
    Answered = 9,
    RatedSatisfied = 10,
    RatedDissatisfied = 11,
    Reopened = 12,
    PersonalDataDeleted = 13,
    PublicationProposed = 14,
    Published = 15,
    PublicationWithdrawn = 16,
}

/// <summary>A step on the item's timeline: who did what, when. <see cref="PublicNote"/> is what the citizen sees.</summary>
public sealed class FeedbackEvent
{
    public long Id { get; set; }

    public int FeedbackItemId { get; set; }

    public DateTime At { get; set; }

    public FeedbackAction Action { get; set; }

    /// <summary>The staff member who acted; null for the citizen or the system.</summary>
    public string? StaffUserId { get; set; }

    /// <summary>The staff member's name at the time, for the staff timeline (the public one names only the unit).</summary>
    public string? StaffName { get; set; }

    public int? UnitId { get; set; }

    public Unit? Unit { get; set; }

    public string? PublicNote { get; set; }

    public string? InternalNote { get; set; }
}

internal sealed class FeedbackConfiguration : IEntityTypeConfiguration<FeedbackItem>
{
    public void Configure(EntityTypeBuilder<FeedbackItem> e)
    {
        e.ToTable("FeedbackItems");
        e.HasIndex(f => f.TrackingCode).IsUnique();
        // The inbox: a unit's open items by deadline.
        e.HasIndex(f => new { f.AssignedUnitId, f.Status, f.DueOn });
        e.Property(f => f.TrackingCode).HasMaxLength(20);
        e.Property(f => f.SecretHash).HasMaxLength(100);
        e.Property(f => f.ReminderSent).HasMaxLength(30);
        e.Property(f => f.Subject).HasMaxLength(FeedbackRules.SubjectMax);
        e.Property(f => f.Content).HasMaxLength(FeedbackRules.ContentMax);
        e.Property(f => f.RejectionReason).HasMaxLength(FeedbackRules.NoteMax);
        e.Property(f => f.InformationRequest).HasMaxLength(FeedbackRules.NoteMax);
        e.Property(f => f.Answer).HasMaxLength(FeedbackRules.ContentMax);
        e.HasOne(f => f.Field).WithMany().HasForeignKey(f => f.FieldId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(f => f.ReceivingUnit).WithMany().HasForeignKey(f => f.ReceivingUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(f => f.AssignedUnit).WithMany().HasForeignKey(f => f.AssignedUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(f => f.Events).WithOne().HasForeignKey(ev => ev.FeedbackItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedbackEventConfiguration : IEntityTypeConfiguration<FeedbackEvent>
{
    public void Configure(EntityTypeBuilder<FeedbackEvent> e)
    {
        e.ToTable("FeedbackEvents");
        e.HasIndex(ev => new { ev.FeedbackItemId, ev.At });
        e.Property(ev => ev.StaffUserId).HasMaxLength(450);
        e.Property(ev => ev.StaffName).HasMaxLength(120);
        e.Property(ev => ev.PublicNote).HasMaxLength(FeedbackRules.ContentMax);
        e.Property(ev => ev.InternalNote).HasMaxLength(FeedbackRules.NoteMax);
        e.HasOne(ev => ev.Unit).WithMany().HasForeignKey(ev => ev.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
