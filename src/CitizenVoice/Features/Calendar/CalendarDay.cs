using System.Globalization;
using CitizenVoice.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Calendar;

/// <summary>
/// A day the government's decision for a year changes: a day off that is not a holiday by law (a bridge between Tết
/// and a weekend), or a working day on what would be a rest day (the Saturday worked to make up for that bridge).
/// Added by an administrator each year; the working calendar applies them on top of the holidays by law.
/// </summary>
public sealed class CalendarDay : IAudited
{
    public int Id { get; set; }

    public DateOnly Date { get; set; }

    /// <summary>True: nobody works that day. False: a working day, even if it is a Saturday, Sunday or holiday by law.</summary>
    public bool IsDayOff { get; set; }

    /// <summary>What the day is, as the decision says it ("Nghỉ Tết Nguyên đán", "Làm bù cho ngày 2/5").</summary>
    public string Name { get; set; } = "";

    string IAudited.AuditKey => Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> e)
    {
        e.ToTable("CalendarDays");
        e.HasIndex(d => d.Date).IsUnique();
        e.Property(d => d.Name).HasMaxLength(200);
    }
}
