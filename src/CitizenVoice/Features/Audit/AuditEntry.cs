namespace CitizenVoice.Features.Audit;

/// <summary>One staff change: who, when, what, and the values before and after. Rows are never updated or deleted.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityKey { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>Entities whose changes by staff are written to the audit log, named by a key people recognise.</summary>
public interface IAudited
{
    string AuditKey { get; }
}
