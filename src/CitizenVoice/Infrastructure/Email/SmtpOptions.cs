using System.ComponentModel.DataAnnotations;

namespace CitizenVoice.Infrastructure.Email;

/// <summary>
/// The agency's mail server (section "Smtp"). With no Host the app sends no email at all: reminders stay on screen
/// and the pages that would send say so, so an install without a mail server works the same otherwise.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The sender, e.g. "Công an tỉnh Bắc Kạn &lt;noreply@congan.backan.gov.vn&gt;".</summary>
    public string? From { get; set; }

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Require STARTTLS (port 587). When false, TLS is used if the port implies it (465) or the server offers it.</summary>
    public bool UseStartTls { get; set; } = true;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Host);
}
