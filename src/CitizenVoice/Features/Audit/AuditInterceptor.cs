using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace CitizenVoice.Features.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every change a signed-in staff member makes to an audited entity, in the
/// same transaction (so the change and its audit commit or fail together). Changes and deletions are written in the
/// same SaveChanges. A new entity is written just after the database has given it its key: before that it has none
/// ("CK-0") and its generated keys are EF's negative placeholders, and the log cannot be corrected later because it is
/// append-only. So a save that adds audited entities runs in a transaction (the caller's, or one started here) that
/// is committed only once their entries are saved too.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    // Secrets are never copied into the log; a change to them is recorded as "***".
    private static readonly HashSet<string> Masked =
    [
        nameof(IdentityUser.PasswordHash), nameof(IdentityUser.SecurityStamp), nameof(IdentityUser.ConcurrencyStamp),
        // Citizens' personal data (Law 91/2025): the log says it changed, never what it is.
        "AuthorName", "ProtectedContact", "AttendeeName", "ProtectedPhone",
        // Feedback: the sender's name and contact.
        "NameProtected", "EmailProtected", "PhoneProtected",
        // The hash of the secret a citizen follows feedback or a question with: it belongs in one place only.
        "SecretHash",
    ];

    // Bookkeeping that changes on every sign-in and says nothing about what staff did.
    private static readonly HashSet<string> Ignored =
    [
        nameof(IdentityUser.AccessFailedCount), nameof(IdentityUser.NormalizedEmail), nameof(IdentityUser.NormalizedUserName),
        "Logo", "UpdatedAt",
        // A news photo's bytes: the log records the upload (name, type, size), not a copy of the picture.
        "ImageBytes",
    ];

    // Vietnamese stays readable in the log (the page HTML-encodes it on display), and so do states: "Open → Done", not "0 → 2".
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Entities added by a save in progress, written once it has their keys; the interceptor is shared by every context.</summary>
    private sealed class Pending
    {
        public List<(EntityEntry Entry, AuditEntry Audit)> Added { get; } = [];
        public IDbContextTransaction? Transaction { get; set; }
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (AddEntries(eventData.Context) is { } pending && eventData.Context!.Database.CurrentTransaction is null)
        {
            pending.Transaction = eventData.Context.Database.BeginTransaction();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (AddEntries(eventData.Context) is { } pending && eventData.Context!.Database.CurrentTransaction is null)
        {
            pending.Transaction = await eventData.Context.Database.BeginTransactionAsync(cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } pending)
        {
            using var transaction = pending.Transaction;
            AddCreated(eventData.Context!, pending);
            eventData.Context!.SaveChanges();
            transaction?.Commit();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } pending)
        {
            await using var transaction = pending.Transaction;
            AddCreated(eventData.Context!, pending);
            await eventData.Context!.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context)?.Transaction?.Dispose();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context)?.Transaction is { } transaction)
        {
            await transaction.DisposeAsync();
        }
    }

    private Pending? Take(DbContext? db)
    {
        if (db is null || !_pending.TryGetValue(db, out var pending))
        {
            return null;
        }

        _pending.Remove(db);
        return pending;
    }

    /// <summary>Adds the entries of changes and deletions; returns the additions still to write, if any.</summary>
    private Pending? AddEntries(DbContext? db)
    {
        var user = http.HttpContext?.User;
        if (db is null || user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        db.ChangeTracker.DetectChanges();
        var entries = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is IAudited or IdentityUserRole<string>)
            .ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = new Pending();
        foreach (var entry in entries)
        {
            var audit = new AuditEntry
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
                EntityKey = "",
            };
            if (entry.State == EntityState.Added)
            {
                pending.Added.Add((entry, audit));
                continue;
            }

            var (before, after) = Describe(entry, entry.State);
            if (entry.State == EntityState.Modified && after.Count == 0)
            {
                continue;
            }

            audit.EntityKey = KeyOf(db, entry);
            audit.Before = before.Count == 0 ? null : JsonSerializer.Serialize(before, Json);
            audit.After = after.Count == 0 ? null : JsonSerializer.Serialize(after, Json);
            db.Add(audit);
        }

        if (pending.Added.Count == 0)
        {
            return null;
        }

        _pending.AddOrUpdate(db, pending);
        return pending;
    }

    /// <summary>The entries of the entities a save added, now that they carry the keys the database gave them.</summary>
    private static void AddCreated(DbContext db, Pending pending)
    {
        foreach (var (entry, audit) in pending.Added)
        {
            var (_, after) = Describe(entry, EntityState.Added);
            audit.EntityKey = KeyOf(db, entry);
            audit.After = after.Count == 0 ? null : JsonSerializer.Serialize(after, Json);
            db.Add(audit);
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

    private static (Dictionary<string, object?> Before, Dictionary<string, object?> After) Describe(EntityEntry entry, EntityState state)
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
            switch (state)
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
