using System.Security.Cryptography;
using System.Text;
using CitizenVoice.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Surveys;

public sealed class SurveyOptions
{
    public const string Section = "Surveys";

    /// <summary>
    /// Base64 key (at least 32 bytes) for the receipt-code HMAC. When unset, a key generated on first start is kept
    /// encrypted in the database, so every copy of the app and every restart hash codes the same way. It is encrypted
    /// by the Data Protection key ring, which Production requires to be encrypted by a certificate kept outside the
    /// database (see WebSetup): a copy of the database alone cannot test guessed codes.
    /// </summary>
    public string? ReceiptKey { get; set; }

    /// <summary>
    /// How long a respondent's contact is kept after the survey round that counts their response closes: time for the
    /// team to call back about what the round found (<c>Surveys__KeepContactAfterRound</c>).
    /// </summary>
    public TimeSpan KeepContactAfterRound { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// How many checked responses may wait for the survey writer before a post waits for room
    /// (<c>Surveys__WriterQueueCapacity</c>). From nine tenths of it the copy answers "not ready" on
    /// <c>/health/ready</c>, so the proxy sends citizens to a copy that keeps up.
    /// </summary>
    public int WriterQueueCapacity { get; set; } = 20_000;
}

/// <summary>
/// Turns a receipt code (mã hồ sơ) into the keyed hash that is stored: the same code always gives the same hash, and
/// nobody with the database alone can test guessed codes against it.
/// </summary>
public sealed class ReceiptHasher(IOptions<SurveyOptions> options, IServiceScopeFactory scopes, IDataProtectionProvider protection)
{
    private byte[]? _key;

    internal static IDataProtector Protector(IDataProtectionProvider provider) => provider.CreateProtector("CitizenVoice.Surveys.ReceiptKey.v1");

    /// <summary>Spaces, dashes and case do not make a different code: "000.12-345 ab" equals "00012345AB".</summary>
    public static string Normalise(string code) =>
        new([.. code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    public async Task<string?> HashAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(code) || Normalise(code) is not { Length: > 0 } normalised)
        {
            return null;
        }

        var key = _key ??= await LoadKeyAsync(cancellationToken);
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(normalised)));
    }

    private async Task<byte[]> LoadKeyAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.ReceiptKey))
        {
            return Convert.FromBase64String(options.Value.ReceiptKey);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var stored = await db.SurveySecrets.AsNoTracking().Where(s => s.Id == 1).Select(s => s.ProtectedReceiptKey).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("The receipt key has not been created; the survey seed runs at start-up.");
        return Convert.FromBase64String(Protector(protection).Unprotect(stored));
    }
}
