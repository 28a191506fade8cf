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
