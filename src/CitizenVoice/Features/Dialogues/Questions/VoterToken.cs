using System.Security.Cryptography;
using System.Text;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// One support per browser: a random token in a cookie, stored only as its hash. It identifies a browser,
/// not a person, and no address or fingerprint is kept.
/// </summary>
public static class VoterToken
{
    public const string Cookie = "cv.voter";

    /// <summary>The hash of the browser's token if it has one; null for a browser that never supported anything.</summary>
    public static string? ExistingHash(HttpContext http) =>
        http.Request.Cookies[Cookie] is { Length: > 0 and <= 64 } token ? Hash(token) : null;

    public static string HashFor(HttpContext http)
    {
        var token = http.Request.Cookies[Cookie];
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            http.Response.Cookies.Append(Cookie, token, new CookieOptions
            {
                HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
                Expires = DateTimeOffset.UtcNow.AddYears(1),
            });
        }

        return Hash(token);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
