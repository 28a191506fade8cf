using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CitizenVoice.Features.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change a signed-in staff member makes to an audited
/// entity, in the same SaveChanges (so the change and its audit commit or fail together).
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    // Secrets are never copied into the log; a change to them is recorded as "***".
    private static readonly HashSet<string> Masked =
    [
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp),
        // Citizens' personal data (Law 91/2025): the log says it changed, never what it is.
        "AuthorName", "ProtectedContact", "AttendeeName", "ProtectedPhone",
    ];

    // Bookkeeping that changes on every sign-in and says nothing about what staff did.
    private static readonly HashSet<string> Ignored =
    [
        nameof(IdentityUser.AccessFailedCount), nameof(IdentityUser.NormalizedEmail), nameof(IdentityUser.NormalizedUserName),
        "Logo", "UpdatedAt",
    ];

    // Vietnamese stays readable in the log; the page HTML-encodes it on display.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddEntries(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddEntries(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void AddEntries(DbContext? db)
    {
        var user = http.HttpContext?.User;
        if (db is null || user?.Identity?.IsAuthenticated != true)
        {
            return;
        }

        db.ChangeTracker.DetectChanges();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is IAudited or IdentityUserRole<string>)
            .ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in entries)
        {
            var (before, after) = Describe(entry);
            if (entry.State == EntityState.Modified && after.Count == 0)
            {
                continue;
            }

            db.Add(new AuditEntry
            {
                At = now,
                UserId = user.FindFirstValue(ClaimTypes.NameIdentifier),
                UserName = user.Identity.Name ?? "?",
                Action = entry.State switch
                {
                    EntityState.Added => "create",
                    EntityState.Deleted => "delete",
                    _ => "update",
                },
                EntityType = entry.Metadata.ClrType.Name,
                EntityKey = KeyOf(db, entry),
                Before = before.Count == 0 ? null : JsonSerializer.Serialize(before, Json),
                After = after.Count == 0 ? null : JsonSerializer.Serialize(after, Json),
            });
        }
    }

    private static string KeyOf(DbContext db, EntityEntry entry) => entry.Entity switch
    {
        IAudited audited => audited.AuditKey,
        IdentityUserRole<string> link =>
            $"{db.ChangeTracker.Entries<IdentityUser>().FirstOrDefault(u => u.Entity.Id == link.UserId)?.Entity.UserName ?? link.UserId}"
            + $" → {db.Set<IdentityRole>().Find(link.RoleId)?.Name ?? link.RoleId}",
        _ => "?",
    };

    private static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Describe(EntityEntry entry)
    {
        var before = new Dictionary<string, object?>();
        var after = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Ignored.Contains(name) || property.Metadata.IsShadowProperty())
            {
                continue;
            }

            var masked = Masked.Contains(name);
            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null:
                    after[name] = masked ? "***" : property.CurrentValue;
                    break;
                case EntityState.Deleted:
                    before[name] = masked ? "***" : property.OriginalValue;
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    before[name] = masked ? "***" : property.OriginalValue;
                    after[name] = masked ? "***" : property.CurrentValue;
                    break;
            }
        }

        return (before, after);
    }
}
