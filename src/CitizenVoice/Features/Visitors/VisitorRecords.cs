using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Visitors;

/// <summary>
/// Page views of one Vietnam day (UTC+7). Every copy of the app adds its own count to the row with one atomic
/// statement, so copies never overwrite each other; the month and the total are sums of these rows (one a day).
/// </summary>
public sealed class VisitDay
{
    public DateOnly Day { get; set; }
    public long Views { get; set; }
}

/// <summary>
/// A visitor seen in the last few minutes, for "Đang truy cập". <see cref="Key"/> is a keyed hash of a random cookie id
/// (or, for a client that keeps no cookie, of its address and user agent): nothing in the row names or locates anyone.
/// Rows older than the window are deleted at every flush.
/// </summary>
public sealed class RecentVisitor
{
    public string Key { get; set; } = "";

    /// <summary>Unix seconds (UTC): compared the same way on SQLite and PostgreSQL.</summary>
    public long LastSeen { get; set; }

    public bool SearchEngine { get; set; }
}

internal sealed class VisitDayConfiguration : IEntityTypeConfiguration<VisitDay>
{
    public void Configure(EntityTypeBuilder<VisitDay> e) => e.HasKey(d => d.Day);
}

internal sealed class RecentVisitorConfiguration : IEntityTypeConfiguration<RecentVisitor>
{
    public void Configure(EntityTypeBuilder<RecentVisitor> e)
    {
        e.HasKey(v => v.Key);
        e.Property(v => v.Key).HasMaxLength(32);
        e.HasIndex(v => v.LastSeen);
    }
}
