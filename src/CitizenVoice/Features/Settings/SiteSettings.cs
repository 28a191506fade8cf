using CitizenVoice.Features.Audit;

namespace CitizenVoice.Features.Settings;

/// <summary>The one row of site-wide settings an administrator edits.</summary>
public sealed class SiteSettings : IAudited
{
    public int Id { get; set; }
    public required string AgencyName { get; set; }
    public string? AgencyNameEn { get; set; }
    public string? Address { get; set; }
    public string? Hotline { get; set; }
    public string? Email { get; set; }
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
    public DateTime UpdatedAt { get; set; }

    string IAudited.AuditKey => "site";
}
