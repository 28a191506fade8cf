namespace CitizenVoice.Features.Access;

/// <summary>The roles a staff account may hold; a page or endpoint names the roles it admits.</summary>
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
