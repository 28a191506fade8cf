using System.Security.Cryptography;
using System.Text;

namespace CitizenVoice.Features.Shared;

/// <summary>
/// What a citizen holds to follow what they sent without an account: a tracking code that shows its status to anyone
/// who has it, and a secret, shown once and stored only as a hash, that also shows their content and personal data and
/// lets them delete it. Feedback items and dialogue questions use the same rules.
/// </summary>
public static class TrackingCodes
{
    /// <summary>Letters and digits people do not confuse when they read a code aloud or copy it: no 0/O, 1/I/L.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>The longest tracking code stored ("PA-2026-7KQ3MX" is 14).</summary>
    public const int MaxLength = 20;

    /// <summary>The longest secret accepted: a longer one is not ours and is not hashed.</summary>
    public const int SecretMaxLength = 64;

    public static string RandomText(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>A new code such as "PA-2026-7KQ3MX": 31⁶ (about 890 million) codes a prefix and year, so it cannot be guessed.</summary>
    public static string New(string prefix, int year) => $"{prefix}-{year}-{RandomText(6)}";

    public static string NewSecret() => RandomText(10);

    /// <summary>A code as the citizen typed it (spaces, small letters) in its stored form; null when it cannot be one.</summary>
    public static string? Normalise(string? code)
    {
        var trimmed = code?.Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength ? null : trimmed;
    }

    // PBKDF2 with the tracking code as salt: a stolen database does not give the secrets back cheaply.
    public static string HashSecret(string trackingCode, string secret) =>
        Convert.ToBase64String(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(trackingCode), 20_000, HashAlgorithmName.SHA256, 32));

    public static bool SecretMatches(string trackingCode, string? storedHash, string? secret) =>
        !string.IsNullOrEmpty(secret) && secret.Length <= SecretMaxLength && !string.IsNullOrEmpty(storedHash)
        && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(HashSecret(trackingCode, secret.Trim().ToUpperInvariant())), Encoding.ASCII.GetBytes(storedHash));
}
