using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// One opinion or question in a session's single register, whatever channel it came through: sent online in
/// advance or during the session, spoken at the venue, written on paper, or by phone.
/// </summary>
public sealed class Opinion : IAudited
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public DialogueSession? Session { get; set; }
    public OpinionChannel Channel { get; set; }
    public string? FieldCode { get; set; }
    /// <summary>
    /// Optional: a citizen may write anonymously. For the secretary only: never published (not in the minutes either,
    /// as the question form promises) nor logged.
    /// </summary>
    public string? AuthorName { get; set; }
    /// <summary>Phone or email protected with ASP.NET Data Protection; kept only with <see cref="ContactConsentAt"/>.</summary>
    public string? ProtectedContact { get; set; }
    public DateTime? ContactConsentAt { get; set; }
    public required string Text { get; set; }
    /// <summary>The text as received, kept when a moderator corrects spelling.</summary>
    public string? OriginalText { get; set; }
    public OpinionStatus Status { get; set; }
    public RejectionReason? RejectionReason { get; set; }
    public int? MergedIntoId { get; set; }
    public Opinion? MergedInto { get; set; }
    /// <summary>Supports (upvotes), kept equal to the number of <see cref="OpinionSupport"/> rows.</summary>
    public int Supports { get; set; }
    public string? Answer { get; set; }
    public AnswerTiming? AnswerTiming { get; set; }
    public string? AnsweredBy { get; set; }
    public int? AnsweringUnitId { get; set; }
    public Unit? AnsweringUnit { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public DateTime ReceivedAt { get; set; }
    /// <summary>
    /// What a citizen who sent the question online quotes to follow it: "CH-2026-7KQ3MX". Null for what the secretary
    /// recorded from the hall, on paper or by phone.
    /// </summary>
    public string? TrackingCode { get; set; }
    /// <summary>The hash of the secret that shows the author their question and personal data (<see cref="Shared.TrackingCodes"/>).</summary>
    public string? SecretHash { get; set; }
    public List<Commitment> Commitments { get; set; } = [];

    string IAudited.AuditKey => $"YK-{Id}";
}

public enum OpinionChannel
{
    AdvanceOnline = 1,
    LiveOnline = 2,
    Spoken = 3,
    Paper = 4,
    Phone = 5,
}

public enum OpinionStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Merged = 3,
    Answered = 4,
}

/// <summary>The reasons a moderator may give; the author sees the reason's text.</summary>
public enum RejectionReason
{
    OffTopic = 1,
    Offensive = 2,
    OthersPersonalData = 3,
    Unclear = 4,
    Advertising = 5,
    OtherAuthority = 6,
}

public enum AnswerTiming
{
    OnTheSpot = 1,
    Later = 2,
}

/// <summary>One browser's support for one opinion; the token is a hash of a random cookie, never an address.</summary>
public sealed class OpinionSupport
{
    public long Id { get; set; }
    public int OpinionId { get; set; }
    public required string VoterHash { get; set; }
    public DateTime At { get; set; }
}
