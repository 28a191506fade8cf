namespace CitizenVoice.Features.Access;

/// <summary>A staff area shown on the staff home page to users in one of the roles.</summary>
public sealed record StaffArea(int Order, string Title, string Description, string Path, params string[] Roles)
{
    /// <summary>Shown only when the user's subtree has a unit citizens rate (not to a department's staff, who have none).</summary>
    public bool ForRatedUnits { get; init; }
}
