using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Surveys;

internal sealed class ScaleConfiguration : IEntityTypeConfiguration<Scale>
{
    public void Configure(EntityTypeBuilder<Scale> scale)
    {
        scale.HasIndex(s => s.Code).IsUnique();
        scale.Property(s => s.Code).HasMaxLength(20);
        scale.Property(s => s.Name).HasMaxLength(200);
        scale.Property(s => s.NameEn).HasMaxLength(200);
        scale.HasMany(s => s.Options).WithOne().HasForeignKey(o => o.ScaleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScaleOptionConfiguration : IEntityTypeConfiguration<ScaleOption>
{
    public void Configure(EntityTypeBuilder<ScaleOption> option)
    {
        option.HasIndex(o => new { o.ScaleId, o.Value }).IsUnique();
        option.Property(o => o.Label).HasMaxLength(100);
        option.Property(o => o.LabelEn).HasMaxLength(100);
    }
}

internal sealed class QuestionnaireConfiguration : IEntityTypeConfiguration<Questionnaire>
{
    public void Configure(EntityTypeBuilder<Questionnaire> questionnaire)
    {
        questionnaire.HasIndex(q => new { q.Code, q.Version }).IsUnique();
        questionnaire.Property(q => q.Code).HasMaxLength(40);
        questionnaire.Property(q => q.Title).HasMaxLength(300);
        questionnaire.Property(q => q.TitleEn).HasMaxLength(300);
        questionnaire.Property(q => q.Status).HasConversion<string>().HasMaxLength(20);
        questionnaire.HasMany(q => q.Elements).WithOne().HasForeignKey(e => e.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
        questionnaire.HasMany(q => q.Questions).WithOne().HasForeignKey(q => q.QuestionnaireId).OnDelete(DeleteBehavior.Cascade);
        questionnaire.Ignore(q => q.IsPublished);
    }
}

internal sealed class QuestionnaireElementConfiguration : IEntityTypeConfiguration<QuestionnaireElement>
{
    public void Configure(EntityTypeBuilder<QuestionnaireElement> element)
    {
        element.Property(e => e.Code).HasMaxLength(20);
        element.Property(e => e.Name).HasMaxLength(300);
        element.Property(e => e.NameEn).HasMaxLength(300);
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> question)
    {
        question.Property(q => q.Code).HasMaxLength(20);
        question.Property(q => q.Text).HasMaxLength(500);
        question.Property(q => q.TextEn).HasMaxLength(500);
        question.Property(q => q.ScaleCode).HasMaxLength(20);
        question.Property(q => q.Kind).HasConversion<string>().HasMaxLength(20);
        question.HasOne(q => q.Element).WithMany().HasForeignKey(q => q.ElementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public const string CommentedIndex = "IX_SurveyResponses_Commented";

    public void Configure(EntityTypeBuilder<SurveyResponse> response)
    {
        response.Property(r => r.Id).ValueGeneratedNever();
        response.Property(r => r.ReceiptHash).HasMaxLength(64);
        response.Property(r => r.Comment).HasMaxLength(2000);
        response.Property(r => r.ContactProtected).HasMaxLength(2000);
        response.Property(r => r.EnteredById).HasMaxLength(450);
        response.Property(r => r.DeletedReason).HasMaxLength(500);
        // One answer per case: a receipt code counts once per unit.
        response.HasIndex(r => new { r.UnitId, r.ReceiptHash }).IsUnique().HasFilter("\"ReceiptHash\" IS NOT NULL");
        response.HasIndex(r => new { r.UnitId, r.FieldId, r.Day });
        // The suggestions screen reads the newest comments of a subtree: one short range per unit, field and period of
        // this index, of commented responses only (an eighth of them), instead of every response sorted by day.
        // SQLite's planner, without statistics, prefers the index above for the same terms: the screen names this one.
        response.HasIndex(r => new { r.UnitId, r.FieldId, r.Day }, CommentedIndex).HasFilter("\"Comment\" IS NOT NULL");
        // The daily deletion of contacts whose round has closed reads only the few responses that left one.
        response.HasIndex(r => r.Day, "IX_SurveyResponses_Contact").HasFilter("\"ContactProtected\" IS NOT NULL");
        response.HasOne<Questionnaire>().WithMany().HasForeignKey(r => r.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
        response.HasOne<Organisation.Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        response.HasOne<Organisation.ServiceField>().WithMany().HasForeignKey(r => r.FieldId).OnDelete(DeleteBehavior.Restrict);
        response.HasOne<Organisation.Procedure>().WithMany().HasForeignKey(r => r.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        response.Property(r => r.Answers).HasConversion(
            answers => SurveyAnswer.Pack(answers), packed => SurveyAnswer.Unpack(packed),
            new ValueComparer<List<SurveyAnswer>>((a, b) => a!.SequenceEqual(b!), answers => answers.Aggregate(0, (hash, a) => HashCode.Combine(hash, a)), answers => answers.ToList()));
    }
}

internal sealed class SurveySecretConfiguration : IEntityTypeConfiguration<SurveySecret>
{
    public void Configure(EntityTypeBuilder<SurveySecret> secret)
    {
        secret.Property(s => s.Id).ValueGeneratedNever();
        secret.Property(s => s.ProtectedReceiptKey).HasMaxLength(1000);
    }
}
