using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// A citizen reception day (ngày tiếp công dân) a unit's leader held: who received, how many citizens came. Citizens
/// are counted, never named: what they raised goes to feedback and petitions, not here.
/// </summary>
public sealed class ReceptionDay : IAudited
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>The leader who received citizens, as the reception book names them (rank, name, office).</summary>
    public required string ReceivedBy { get; set; }
    public int CitizensReceived { get; set; }
    public string? Notes { get; set; }
    public DateTime RecordedAt { get; set; }

    string IAudited.AuditKey => $"TCD-{Id}";
}

internal sealed class ReceptionDayConfiguration : IEntityTypeConfiguration<ReceptionDay>
{
    public void Configure(EntityTypeBuilder<ReceptionDay> day)
    {
        day.Property(d => d.ReceivedBy).HasMaxLength(300);
        day.Property(d => d.Notes).HasMaxLength(2000);
        day.HasOne(d => d.Unit).WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
        day.HasIndex(d => new { d.UnitId, d.Date });
    }
}

/// <summary>
/// How often a unit's leader must receive citizens, by the rules on receiving citizens: the provincial director at least one day a month,
/// a commune chief at least one day a week. Districts have no rule in the brief, so they are not checked.
/// </summary>
public static class ReceptionRules
{
    public enum Every
    {
        Week,
        Month,
    }

    public static Every? For(UnitLevel level) => level switch
    {
        UnitLevel.Province => Every.Month,
        UnitLevel.Commune => Every.Week,
        _ => null,
    };

    /// <summary>
    /// The weeks (Monday to Sunday, each counted in the period of its Monday) or calendar months that start in
    /// [from, to] and have ended before <paramref name="today"/>: a week still running is not yet missed.
    /// </summary>
    public static IEnumerable<(DateOnly First, DateOnly Last)> Periods(Every every, DateOnly from, DateOnly to, DateOnly today)
    {
        if (every == Every.Week)
        {
            var monday = from.AddDays(((int)DayOfWeek.Monday - (int)from.DayOfWeek + 7) % 7);
            for (; monday <= to && monday.AddDays(6) < today; monday = monday.AddDays(7))
            {
                yield return (monday, monday.AddDays(6));
            }
        }
        else
        {
            var first = new DateOnly(from.Year, from.Month, 1);
            if (first < from)
            {
                first = first.AddMonths(1);
            }

            for (; first <= to && first.AddMonths(1).AddDays(-1) < today; first = first.AddMonths(1))
            {
                yield return (first, first.AddMonths(1).AddDays(-1));
            }
        }
    }
}
