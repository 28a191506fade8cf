using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;

namespace CitizenVoice.Features.Dialogues;

/// <summary>A dialogue (đối thoại) with citizens held by a unit: in person, online on the agency's website, or both.</summary>
public sealed class DialogueSession : IAudited
{
    public int Id { get; set; }
    public int HostUnitId { get; set; }
    public Unit? HostUnit { get; set; }
    public required string Title { get; set; }
    public string Content { get; set; } = "";
    /// <summary>Codes of the service fields the session covers (CCCD, CU-TRU…).</summary>
    public List<string> FieldCodes { get; set; } = [];
    /// <summary>Who chairs, as the minutes name them (rank, name, office).</summary>
    public string Chair { get; set; } = "";
    /// <summary>The officials who answer, one per line.</summary>
    public string? Officials { get; set; }
    public DialogueFormat Format { get; set; }
    public string? Venue { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public DialogueStatus Status { get; set; }
    public string? AnnouncementApprovedBy { get; set; }
    public DateTime? AnnouncedAt { get; set; }

    // Attendance by delegate group, as the article counts the Vân Tùng session; null when not recorded.
    public int? DelegatesPartyCommittee { get; set; }
    public int? DelegatesPeoplesCouncil { get; set; }
    public int? DelegatesPeoplesCommittee { get; set; }
    public int? DelegatesVillages { get; set; }
    public int? DelegatesBusinesses { get; set; }
    public int? DelegatesCitizens { get; set; }
    /// <summary>Participants when they are counted as a whole (online sessions count visits: "trên 1000 lượt").</summary>
    public int? Participants { get; set; }
    /// <summary>
    /// Opinions received as the session's own report states them, for sessions whose opinions were not all
    /// typed into the register (the sessions before this system); the register's count is used when larger.
    /// </summary>
    public int? RecordedOpinions { get; set; }

    /// <summary>Who signed the minutes, or who refused and why ("Ông … không ký vì …"): printed under the signatures.</summary>
    public string? SignatureNote { get; set; }
    public string? MinutesSecretary { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The question being answered now in the live room (an opinion of this session), if any.</summary>
    public int? CurrentOpinionId { get; set; }
    public List<Opinion> Opinions { get; set; } = [];

    public int DelegateTotal =>
        (DelegatesPartyCommittee ?? 0) + (DelegatesPeoplesCouncil ?? 0) + (DelegatesPeoplesCommittee ?? 0)
        + (DelegatesVillages ?? 0) + (DelegatesBusinesses ?? 0) + (DelegatesCitizens ?? 0);

    public bool AcceptsQuestions => Status is DialogueStatus.OpenForQuestions or DialogueStatus.Live;

    string IAudited.AuditKey => $"DT-{Id}";
}

public enum DialogueFormat
{
    InPerson = 1,
    Online = 2,
    Hybrid = 3,
}

/// <summary>The workflow; each step moves forward by one (see <see cref="DialogueWorkflow"/>).</summary>
public enum DialogueStatus
{
    Draft = 0,
    Announced = 1,
    OpenForQuestions = 2,
    Live = 3,
    Closed = 4,
    MinutesPublished = 5,
}
