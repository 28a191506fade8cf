using System.ComponentModel.DataAnnotations;

namespace CitizenVoice.Features.Access;

/// <summary>How long a signed-in session may stay idle, and how long the warning before sign-out lasts.</summary>
public sealed class SessionOptions
{
    public const string Section = "Session";

    /// <summary>How long a signed-in user may be idle before the warning dialog appears.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How long the warning dialog counts down before signing the user out.</summary>
    [Range(1, 600)]
    public int WarningSeconds { get; set; } = 60;
}
