namespace CitizenVoice.Features.Shared;

/// <summary>
/// A public area of the portal (Đối thoại, Khảo sát, Góp ý, Tin tức…) that a feature registers when it exists,
/// so the menu and home page link only to what is built.
/// </summary>
public sealed record PublicArea(int Order, string Title, string Description, string Path);

/// <summary>A staff area shown on the staff home page to users in one of the roles.</summary>
public sealed record StaffArea(int Order, string Title, string Description, string Path, params string[] Roles)
{
    /// <summary>Shown only when the user's subtree has a unit citizens rate (not to a department's staff, who have none).</summary>
    public bool ForRatedUnits { get; init; }
}
