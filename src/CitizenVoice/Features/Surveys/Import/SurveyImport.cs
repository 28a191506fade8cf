using System.Globalization;
using CitizenVoice.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// An uploaded spreadsheet of responses, known by its SHA-256: uploading the same file again finds this record instead
/// of importing twice. Its rows wait here, checked, until the uploader confirms; several copies of the app can serve
/// the confirmation because nothing is kept in memory.
/// </summary>
public sealed class ImportFile : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Sha256 { get; set; }
    public required string FileName { get; set; }
    public int QuestionnaireId { get; set; }
    public required string UploadedById { get; set; }
    public DateTime UploadedAt { get; set; }
    public ImportStatus Status { get; set; }
    public int TotalRows { get; set; }
    public int ErrorRows { get; set; }
    public int ImportedRows { get; set; }
    public int SkippedRows { get; set; }
    public List<ImportRow> Rows { get; set; } = [];

    string IAudited.AuditKey => FileName + " (" + Sha256[..12] + ")";
}

public enum ImportStatus
{
    /// <summary>Checked; nothing imported; waits for the uploader's confirmation (impossible while rows have errors).</summary>
    Checked = 0,
    Importing = 1,
    Done = 2,
}

/// <summary>One data row of an uploaded file, by its line number in the file (the header is line 1).</summary>
public sealed class ImportRow
{
    public Guid ImportFileId { get; set; }
    public int Line { get; set; }
    /// <summary>The row as a <see cref="ImportedRowData"/> JSON; the receipt code is kept apart, encrypted, until imported.</summary>
    public required string Data { get; set; }
    public string? ReceiptProtected { get; set; }
    /// <summary>Why the row cannot be imported, in Vietnamese, the reasons joined by "; ".</summary>
    public string? Error { get; set; }
    public ImportRowOutcome Outcome { get; set; }
    public Guid? ResponseId { get; set; }

    /// <summary>The response id this row gets: the same for the same file and line, so a repeated import finds it instead of adding another.</summary>
    public static Guid StableResponseId(string fileSha256, int line)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"import:{fileSha256}:{line}")));
        return new Guid(hash.AsSpan(0, 16));
    }
}

public enum ImportRowOutcome
{
    Pending = 0,
    Imported = 1,
    /// <summary>Refused when importing (for example, a receipt code answered meanwhile through another channel).</summary>
    Skipped = 2,
}

/// <summary>What a row says, in the shape of a submission.</summary>
public sealed record ImportedRowData(
    string? UnitCode, string? FieldCode, string? ProcedureCode, DateOnly? ContactDate, Dictionary<int, int> Values, Dictionary<int, string> Texts, string? Comment);

internal sealed class ImportFileConfiguration : IEntityTypeConfiguration<ImportFile>
{
    public void Configure(EntityTypeBuilder<ImportFile> file)
    {
        file.Property(f => f.Id).ValueGeneratedNever();
        file.Property(f => f.Sha256).HasMaxLength(64);
        file.HasIndex(f => f.Sha256).IsUnique();
        file.Property(f => f.FileName).HasMaxLength(260);
        file.Property(f => f.UploadedById).HasMaxLength(450);
        file.Property(f => f.Status).HasConversion<string>().HasMaxLength(12);
        file.HasMany(f => f.Rows).WithOne().HasForeignKey(r => r.ImportFileId).OnDelete(DeleteBehavior.Cascade);
        file.HasOne<Questionnaire>().WithMany().HasForeignKey(f => f.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImportRowConfiguration : IEntityTypeConfiguration<ImportRow>
{
    public void Configure(EntityTypeBuilder<ImportRow> row)
    {
        row.HasKey(r => new { r.ImportFileId, r.Line });
        row.Property(r => r.Data).HasMaxLength(20000);
        row.Property(r => r.ReceiptProtected).HasMaxLength(1000);
        row.Property(r => r.Error).HasMaxLength(4000);
        row.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(10);
    }
}
