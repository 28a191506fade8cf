using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Which published questionnaire a field, a channel, or a field on one channel answers, instead of the default one
/// (<see cref="Questionnaire.IsCurrent"/>): e.g. the Ministry's seven aspects for the kiosk of the residence field.
/// The most specific rule wins: field and channel, then field, then channel, then the default.
/// </summary>
public sealed class QuestionnaireUse
{
    public int Id { get; set; }
    public int? FieldId { get; set; }
    public SurveyChannel? Channel { get; set; }
    public int QuestionnaireId { get; set; }

    /// <summary>The questionnaire served to <paramref name="fieldId"/> on <paramref name="channel"/>, or null for the default.</summary>
    public static async Task<int?> ServedIdAsync(AppDb db, int fieldId, SurveyChannel channel, CancellationToken ct)
    {
        var uses = await db.QuestionnaireUses.AsNoTracking()
            .Where(u => (u.FieldId == fieldId || u.FieldId == null) && (u.Channel == channel || u.Channel == null))
            .Where(u => db.Questionnaires.Any(q => q.Id == u.QuestionnaireId && q.Status == QuestionnaireStatus.Published))
            .ToListAsync(ct);
        return uses.OrderByDescending(u => (u.FieldId is null ? 0 : 2) + (u.Channel is null ? 0 : 1)).Select(u => (int?)u.QuestionnaireId).FirstOrDefault();
    }
}

internal sealed class QuestionnaireUseConfiguration : IEntityTypeConfiguration<QuestionnaireUse>
{
    public void Configure(EntityTypeBuilder<QuestionnaireUse> use)
    {
        use.Property(u => u.Channel).HasConversion<string>().HasMaxLength(20);
        use.HasIndex(u => new { u.FieldId, u.Channel });
        use.HasOne<Questionnaire>().WithMany().HasForeignKey(u => u.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
        use.HasOne<Organisation.ServiceField>().WithMany().HasForeignKey(u => u.FieldId).OnDelete(DeleteBehavior.Cascade);
    }
}
