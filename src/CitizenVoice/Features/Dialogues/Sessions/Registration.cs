using System.Security.Cryptography;
using CitizenVoice.Features.Audit;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// A citizen's registration to attend an in-person session; the secretary checks them in at the venue by name or
/// by the code in the QR on their confirmation. Check-ins give the attendance by delegate group for the minutes.
/// </summary>
public sealed class Registration : IAudited
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public DialogueSession? Session { get; set; }
    public required string AttendeeName { get; set; }
    public string? VillageOrOrganisation { get; set; }
    public DelegateGroup Group { get; set; }
    /// <summary>Encrypted like an opinion's contact, kept only with consent and deleted with the minutes.</summary>
    public string? ProtectedPhone { get; set; }
    public DateTime? PhoneConsentAt { get; set; }
    /// <summary>The code in the QR the attendee shows at the door.</summary>
    public required string Code { get; set; }
    public DateTime RegisteredAt { get; set; }
    public DateTime? CheckedInAt { get; set; }

    string IAudited.AuditKey => $"DK-{Id}";

    /// <summary>Eight characters without look-alikes (0/O, 1/I), easy to read out or type at the door.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 8);
}

/// <summary>The delegate groups the article counts at Vân Tùng.</summary>
public enum DelegateGroup
{
    PartyCommittee = 1,
    PeoplesCouncil = 2,
    PeoplesCommittee = 3,
    Village = 4,
    Business = 5,
    Citizen = 6,
}
