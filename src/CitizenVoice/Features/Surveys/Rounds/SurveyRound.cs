using System.Globalization;
using CitizenVoice.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// A survey round (đợt khảo sát): a period, the unit × field pairs it covers with a target sample each, and the team
/// members who run it. Progress is counted from the responses themselves, whatever channel brought them.
/// </summary>
public sealed class SurveyRound : IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>The wanted margin of error at 95% confidence, in percentage points (5 means ±5 points).</summary>
    public double MarginPoints { get; set; } = 5;
    public List<SurveyRoundTarget> Targets { get; set; } = [];
    public List<SurveyRoundMember> Members { get; set; } = [];

    string IAudited.AuditKey => Name;
}

/// <summary>One unit × field in a round, with the number of cases it handles in the period when known and its target sample.</summary>
public sealed class SurveyRoundTarget : IAudited
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int UnitId { get; set; }
    public int FieldId { get; set; }
    /// <summary>N, the cases the unit handles in this field during the round; enables the finite population correction.</summary>
    public int? CasesHandled { get; set; }
    public int Target { get; set; }

    string IAudited.AuditKey => string.Create(CultureInfo.InvariantCulture, $"round {RoundId}: {UnitId} × {FieldId}");
}

public sealed class SurveyRoundMember : IAudited
{
    public int RoundId { get; set; }
    public required string UserId { get; set; }

    string IAudited.AuditKey => string.Create(CultureInfo.InvariantCulture, $"round {RoundId}: {UserId}");
}

/// <summary>
/// The sample a proportion needs: n₀ = z²·p(1−p)/e² with p = 0.5 (the worst case) and z = 1.96 (95%), so ±5 points needs
/// 385 answers from a large population; with N cases known, n = n₀ / (1 + (n₀ − 1)/N) needs fewer.
/// </summary>
public static class SampleSize
{
    public const double Z95 = 1.96;

    public static double Infinite(double marginPoints) => Z95 * Z95 * 0.25 / Math.Pow(marginPoints / 100, 2);

    public static double Corrected(double marginPoints, int? cases)
    {
        var n0 = Infinite(marginPoints);
        return cases is { } n and > 0 ? n0 / (1 + (n0 - 1) / n) : n0;
    }

    /// <summary>The whole number of answers to collect: rounded up, and never more than the cases there are.</summary>
    public static int Target(double marginPoints, int? cases)
    {
        var needed = (int)Math.Ceiling(Corrected(marginPoints, cases) - 1e-9);
        return cases is { } n and > 0 ? Math.Min(needed, n) : needed;
    }
}

internal sealed class SurveyRoundConfiguration : IEntityTypeConfiguration<SurveyRound>
{
    public void Configure(EntityTypeBuilder<SurveyRound> round)
    {
        round.Property(r => r.Name).HasMaxLength(200);
        round.HasMany(r => r.Targets).WithOne().HasForeignKey(t => t.RoundId).OnDelete(DeleteBehavior.Cascade);
        round.HasMany(r => r.Members).WithOne().HasForeignKey(m => m.RoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SurveyRoundTargetConfiguration : IEntityTypeConfiguration<SurveyRoundTarget>
{
    public void Configure(EntityTypeBuilder<SurveyRoundTarget> target)
    {
        target.HasIndex(t => new { t.RoundId, t.UnitId, t.FieldId }).IsUnique();
        target.HasOne<Organisation.Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        target.HasOne<Organisation.ServiceField>().WithMany().HasForeignKey(t => t.FieldId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyRoundMemberConfiguration : IEntityTypeConfiguration<SurveyRoundMember>
{
    public void Configure(EntityTypeBuilder<SurveyRoundMember> member)
    {
        member.HasKey(m => new { m.RoundId, m.UserId });
        member.Property(m => m.UserId).HasMaxLength(450);
        member.HasOne<Staff.StaffUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
