using System.Security.Cryptography;
using CitizenVoice.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Visitors;

/// <summary>
/// Creates the visitor-hash key on first start and gives it to the counter on every start. Every copy of the app reads
/// the same key, so a visitor who reaches two copies is one visitor. The key is stored encrypted by the Data Protection
/// key ring (which Production encrypts with a certificate kept outside the database): with a copy of the database alone
/// nobody can test guessed addresses against the hashes.
/// </summary>
public sealed class VisitorSeed(AppDb db, VisitorCounter counter, IDataProtectionProvider protection) : ISeeder
{
    public int Order => 90;

    private IDataProtector Protector => protection.CreateProtector("CitizenVoice.Visitors.HashKey.v1");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!await db.VisitorSecrets.AnyAsync(cancellationToken))
        {
            db.VisitorSecrets.Add(new VisitorSecret { Id = 1, ProtectedKey = Protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))) });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another copy starting at the same moment stored its key first: that one is read below.
                db.ChangeTracker.Clear();
            }
        }

        var stored = await db.VisitorSecrets.AsNoTracking().Where(s => s.Id == 1).Select(s => s.ProtectedKey).SingleAsync(cancellationToken);
        counter.UseKey(Convert.FromBase64String(Protector.Unprotect(stored)));
    }
}
