using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Identity;

namespace CitizenVoice.Features.Staff;

/// <summary>A staff account. Every account belongs to exactly one unit, which bounds what it may see.</summary>
public sealed class StaffUser : IdentityUser, IAudited
{
    public required string FullName { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public string? Position { get; set; }

    /// <summary>Accounts are disabled by locking them out indefinitely, so Identity itself refuses the sign-in.</summary>
    public bool IsDisabled => LockoutEnd is { } end && end > DateTimeOffset.UtcNow.AddYears(50);

    string IAudited.AuditKey => UserName ?? Id;
}

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Leader = "Leader";
    public const string Officer = "Officer";
    public const string Moderator = "Moderator";
    public const string SurveyTeam = "SurveyTeam";
    /// <summary>Writes and publishes the agency's news, and moderates readers' comments on it.</summary>
    public const string Editor = "Editor";

    public static readonly string[] All = [Administrator, Leader, Officer, Moderator, SurveyTeam, Editor];

    /// <summary>Vietnamese role names as the agency says them; the English ones come from resources.</summary>
    public static string DisplayName(string role) => role switch
    {
        Administrator => "Quản trị",
        Leader => "Lãnh đạo",
        Officer => "Cán bộ",
        Moderator => "Thư ký, điều phối",
        SurveyTeam => "Tổ khảo sát độc lập",
        Editor => "Biên tập viên",
        _ => role,
    };
}
