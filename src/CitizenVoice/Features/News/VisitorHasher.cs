using System.Security.Cryptography;
using System.Text;
using CitizenVoice.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.News;

public sealed class NewsOptions
{
    public const string Section = "News";

    /// <summary>
    /// Base64 key (32 bytes or more) for the visitor hashes of ratings, kept outside the database. When unset, a key
    /// generated on first start is stored in the database encrypted by the Data Protection key ring.
    /// </summary>
    public string? VisitorKey { get; set; }

    /// <summary>Comments one client address may send in an hour.</summary>
    public int CommentsPerHour { get; set; } = 10;

    /// <summary>Articles on a page of the public list.</summary>
    public int PageSize { get; set; } = 10;
}

/// <summary>
/// Keyed hashes (HMAC-SHA256) of a visitor's cookie and address. The same visitor always gives the same hash, so a
/// second rating is recognised; without the key, which is not in the database in the clear, nobody can test guessed
/// addresses against the stored hashes. The article is part of what is hashed: one reader's ratings of several
/// articles do not share a value that would link them.
/// </summary>
public sealed class VisitorHasher(IOptions<NewsOptions> options, IServiceScopeFactory scopes, IDataProtectionProvider protection)
{
    private byte[]? _key;

    internal static IDataProtector Protector(IDataProtectionProvider provider) => provider.CreateProtector("CitizenVoice.News.VisitorKey.v1");

    public async Task<string> HashAsync(string purpose, int articleId, string value, CancellationToken ct)
    {
        var key = _key ??= await LoadKeyAsync(ct);
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}|{articleId}|{value}")));
    }

    private async Task<byte[]> LoadKeyAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.VisitorKey))
        {
            return Convert.FromBase64String(options.Value.VisitorKey);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var stored = await db.NewsSecrets.AsNoTracking().Where(s => s.Id == 1).Select(s => s.ProtectedVisitorKey).SingleOrDefaultAsync(ct);
        if (stored is null)
        {
            // The first rating on a fresh install: another copy of the app may be creating the key at the same moment,
            // and the row's fixed id lets only one of them win; everyone then reads the winner's.
            try
            {
                db.NewsSecrets.Add(new NewsSecret { Id = 1, ProtectedVisitorKey = Protector(protection).Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) });
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }

            stored = await db.NewsSecrets.AsNoTracking().Where(s => s.Id == 1).Select(s => s.ProtectedVisitorKey).SingleAsync(ct);
        }

        return Convert.FromBase64String(Protector(protection).Unprotect(stored));
    }
}

/// <summary>Encrypts a commenter's email so a copy of the database does not expose it.</summary>
public sealed class CommentEmailProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("CitizenVoice.News.CommentEmail.v1");

    public string Protect(string email) => _protector.Protect(email);

    public string Unprotect(string protectedEmail) => _protector.Unprotect(protectedEmail);
}
