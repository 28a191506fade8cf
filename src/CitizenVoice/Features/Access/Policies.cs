namespace CitizenVoice.Features.Access;

/// <summary>Authorisation policies every feature may name; feature-specific ones live with their feature.</summary>
public static class Policies
{
    public const string Staff = "Staff";
    public const string Administrator = "Administrator";
}
