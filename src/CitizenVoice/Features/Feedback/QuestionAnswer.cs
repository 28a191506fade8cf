using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Feedback;

public enum QuestionAnswerStatus
{
    /// <summary>Staff proposed it; a moderator reviews the public text before anyone sees it.</summary>
    Proposed = 1,
    Published = 2,
    /// <summary>Taken off the public page and the feed; it can be published again.</summary>
    Withdrawn = 3,
}

/// <summary>
/// An answered item published as a question and its answer ("Hỏi đáp"), only when the sender agreed. The public texts
/// are copies that a moderator edits: names and contacts removed, so the item itself (and what the sender wrote) is
/// never shown.
/// </summary>
public sealed class QuestionAnswer : IAudited
{
    public int Id { get; set; }

    public int FeedbackItemId { get; set; }

    public FeedbackItem? FeedbackItem { get; set; }

    /// <summary>The field and the answering unit, copied when proposed: the public page filters and names them.</summary>
    public int FieldId { get; set; }

    public ServiceField? Field { get; set; }

    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    public required string Title { get; set; }

    public required string Question { get; set; }

    public required string Answer { get; set; }

    /// <summary>Title, question and answer without diacritics, lower case: "tam tru" finds "tạm trú" inside the database.</summary>
    public string SearchText { get; set; } = "";

    public QuestionAnswerStatus Status { get; set; }

    public DateTime ProposedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    string IAudited.AuditKey => $"HD-{FeedbackItemId}";
}

internal sealed class QuestionAnswerConfiguration : IEntityTypeConfiguration<QuestionAnswer>
{
    public void Configure(EntityTypeBuilder<QuestionAnswer> e)
    {
        e.ToTable("QuestionAnswers");
        e.HasIndex(q => q.FeedbackItemId).IsUnique();
        // The public page: published ones, newest first.
        e.HasIndex(q => new { q.Status, q.PublishedAt });
        e.Property(q => q.Title).HasMaxLength(FeedbackRules.SubjectMax);
        e.Property(q => q.Question).HasMaxLength(FeedbackRules.ContentMax);
        e.Property(q => q.Answer).HasMaxLength(FeedbackRules.ContentMax);
        e.HasOne(q => q.FeedbackItem).WithMany().HasForeignKey(q => q.FeedbackItemId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(q => q.Field).WithMany().HasForeignKey(q => q.FieldId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(q => q.Unit).WithMany().HasForeignKey(q => q.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
