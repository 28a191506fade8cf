using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;

namespace CitizenVoice.Features.Dialogues;

/// <summary>What an answer promised to do, who does it and by when, followed until it is done ("giải quyết tận gốc").</summary>
public sealed class Commitment : IAudited
{
    public int Id { get; set; }
    public int OpinionId { get; set; }
    public Opinion? Opinion { get; set; }
    /// <summary>Copied from the opinion so session and unit figures need no join through opinions.</summary>
    public int SessionId { get; set; }
    public DialogueSession? Session { get; set; }
    public required string What { get; set; }
    public int ResponsibleUnitId { get; set; }
    public Unit? ResponsibleUnit { get; set; }
    public DateOnly DueOn { get; set; }
    public CommitmentStatus Status { get; set; }
    /// <summary>What shows the work is done, or where it was transferred to.</summary>
    public string? Evidence { get; set; }
    public DateOnly? DoneOn { get; set; }
    /// <summary>When it was last marked done or transferred: the follow-up is over, and the author's contact may go after a while.</summary>
    public DateTime? ClosedAt { get; set; }
    /// <summary>When the last overdue reminder was emailed; reminded again a week later if still overdue.</summary>
    public DateTime? OverdueNotifiedAt { get; set; }

    public bool IsOverdue(DateOnly today) => Status is CommitmentStatus.Open or CommitmentStatus.InProgress && DueOn < today;

    string IAudited.AuditKey => $"CK-{Id}";
}

public enum CommitmentStatus
{
    Open = 0,
    InProgress = 1,
    Done = 2,
    Transferred = 3,
}
