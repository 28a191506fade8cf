using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Data;

/// <summary>A key the app made for itself (a hash key), stored encrypted by the Data Protection key ring.</summary>
public sealed class GeneratedKey
{
    public required string Name { get; set; }

    public required string ProtectedValue { get; set; }
}

internal sealed class GeneratedKeyConfiguration : IEntityTypeConfiguration<GeneratedKey>
{
    public void Configure(EntityTypeBuilder<GeneratedKey> e)
    {
        e.HasKey(k => k.Name);
        e.Property(k => k.Name).HasMaxLength(100);
        e.Property(k => k.ProtectedValue).HasMaxLength(1000);
    }
}

/// <summary>
/// Keys the app generates once and every copy shares, such as the keys of the visitor hashes: each copy must hash a
/// visitor the same way, and the key must not be readable from a copy of the database (the key ring is encrypted by a
/// certificate in Production).
/// </summary>
public sealed class GeneratedKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection)
{
    /// <summary>The 32-byte key called <paramref name="name"/>, made by whichever copy of the app asks first.</summary>
    public async Task<byte[]> GetAsync(string name, CancellationToken ct)
    {
        var protector = protection.CreateProtector("CitizenVoice.GeneratedKey." + name);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var stored = await db.GeneratedKeys.AsNoTracking().Where(k => k.Name == name).Select(k => k.ProtectedValue).SingleOrDefaultAsync(ct);
        if (stored is null)
        {
            // Another copy may be making the key at the same moment: the name is the primary key, so only one insert
            // wins, and everyone then reads the winner's.
            try
            {
                db.GeneratedKeys.Add(new GeneratedKey { Name = name, ProtectedValue = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) });
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }

            stored = await db.GeneratedKeys.AsNoTracking().Where(k => k.Name == name).Select(k => k.ProtectedValue).SingleAsync(ct);
        }

        return Convert.FromBase64String(protector.Unprotect(stored));
    }
}
