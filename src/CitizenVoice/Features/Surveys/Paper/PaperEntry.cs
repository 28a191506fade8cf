using System.Globalization;
using System.Text.Json;
using CitizenVoice.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// One typing of one paper form. A form is known by its unit, field and serial number (printed on the form with the
/// unit and field, so two offices can number their stacks independently); it becomes a response only when two
/// different team members have typed it the same way, or a third has reconciled their two typings.
/// </summary>
public sealed class PaperEntry : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int UnitId { get; set; }
    public int FieldId { get; set; }
    /// <summary>The serial printed on the form, upper-cased and trimmed.</summary>
    public required string Serial { get; set; }
    /// <summary>1 for the first typing, 2 for the second; the unique index on the form's key and this number stops a third.</summary>
    public int Sequence { get; set; }
    public int QuestionnaireId { get; set; }
    /// <summary>What was typed, as canonical JSON (<see cref="PaperContent"/>): two typings match when these strings are equal.</summary>
    public required string Content { get; set; }
    public required string EnteredById { get; set; }
    public DateTime EnteredAt { get; set; }
    public PaperEntryStatus Status { get; set; }
    public Guid? ResponseId { get; set; }
    public string? ResolvedById { get; set; }
    public DateTime? ResolvedAt { get; set; }

    string IAudited.AuditKey => string.Create(CultureInfo.InvariantCulture, $"{UnitId}/{FieldId}/{Serial} #{Sequence}");

    public static string NormaliseSerial(string serial) => serial.Trim().ToUpperInvariant();
}

public enum PaperEntryStatus
{
    /// <summary>The first typing, waiting for the second.</summary>
    Pending = 0,
    /// <summary>Two typings differ and wait for a third person.</summary>
    Mismatched = 1,
    /// <summary>Taken by a reconciler who is recording it right now; back to <see cref="Mismatched"/> if that fails.</summary>
    Reconciling = 2,
    /// <summary>The response exists (<see cref="PaperEntry.ResponseId"/>).</summary>
    Recorded = 3,
}

/// <summary>What a typist enters from a paper form, in a canonical shape so that equal forms serialise equally.</summary>
public sealed record PaperContent(DateOnly? ContactDate, SortedDictionary<int, int> Values, SortedDictionary<int, string> Texts, string? Comment)
{
    public static PaperContent From(DateOnly? contactDate, IDictionary<int, int>? values, IDictionary<int, string>? texts, string? comment) => new(
        contactDate,
        new SortedDictionary<int, int>(values ?? new Dictionary<int, int>()),
        new SortedDictionary<int, string>((texts ?? new Dictionary<int, string>())
            .Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => Squash(t.Value))),
        string.IsNullOrWhiteSpace(comment) ? null : Squash(comment));

    public string ToJson() => JsonSerializer.Serialize(this);

    public static PaperContent FromJson(string json) => JsonSerializer.Deserialize<PaperContent>(json)!;

    public List<SubmittedAnswer> Answers() =>
        [.. Values.Select(v => new SubmittedAnswer(v.Key, v.Value)), .. Texts.Select(t => new SubmittedAnswer(t.Key, null, t.Value))];

    // Two typists rarely agree on spaces and line breaks; they are not what the citizen wrote.
    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

internal sealed class PaperEntryConfiguration : IEntityTypeConfiguration<PaperEntry>
{
    public void Configure(EntityTypeBuilder<PaperEntry> entry)
    {
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Serial).HasMaxLength(PaperDoubleEntry.MaxSerial);
        entry.Property(e => e.Content).HasMaxLength(20000);
        entry.Property(e => e.EnteredById).HasMaxLength(450);
        entry.Property(e => e.ResolvedById).HasMaxLength(450);
        entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(12);
        entry.HasIndex(e => new { e.UnitId, e.FieldId, e.Serial, e.Sequence }).IsUnique();
        entry.HasIndex(e => e.Status);
        entry.HasOne<Organisation.Unit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<Organisation.ServiceField>().WithMany().HasForeignKey(e => e.FieldId).OnDelete(DeleteBehavior.Restrict);
        entry.HasOne<Questionnaire>().WithMany().HasForeignKey(e => e.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
    }
}
