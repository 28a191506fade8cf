using System.Security.Cryptography;
using System.Text;
using CitizenVoice.Data;
using Microsoft.AspNetCore.DataProtection;
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
public sealed class VisitorHasher(IOptions<NewsOptions> options, GeneratedKeys keys)
{
    private byte[]? _key;

    public async Task<string> HashAsync(string purpose, int articleId, string value, CancellationToken ct)
    {
        var key = _key ??= await LoadKeyAsync(ct);
        return Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}|{articleId}|{value}")));
    }

    private async Task<byte[]> LoadKeyAsync(CancellationToken ct) =>
        string.IsNullOrWhiteSpace(options.Value.VisitorKey)
            ? await keys.GetAsync("news-visitors", ct)
            : Convert.FromBase64String(options.Value.VisitorKey);
}

/// <summary>Encrypts a commenter's email so a copy of the database does not expose it.</summary>
public sealed class CommentEmailProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("CitizenVoice.News.CommentEmail.v1");

    public string Protect(string email) => _protector.Protect(email);

    public string Unprotect(string protectedEmail) => _protector.Unprotect(protectedEmail);
}
