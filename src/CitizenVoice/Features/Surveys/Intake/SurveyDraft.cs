using System.Security.Cryptography;
using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The ratings a citizen has given so far in the stepped online survey, kept on the server between steps so the form
/// works without JavaScript. It holds only the questionnaire's own answers (never the comment, receipt code or
/// contact, which are asked on the last step and sent at once), is found by a random token the page carries in a
/// hidden field (only its hash is stored), is deleted when the survey is sent and expires after <see cref="Lifetime"/>.
/// </summary>
public sealed class SurveyDraft
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
    public const int MaxPacked = 4000;

    /// <summary>SHA-256 of the token, hex.</summary>
    public required string Id { get; set; }
    public int QuestionnaireId { get; set; }
    public int UnitId { get; set; }
    public int FieldId { get; set; }
    /// <summary>"questionId:value" pairs separated by ";".</summary>
    public string Answers { get; set; } = "";
    public DateTime ExpiresAt { get; set; }

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static Dictionary<int, int> Unpack(string packed)
    {
        var result = new Dictionary<int, int>();
        foreach (var pair in packed.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(':');
            if (parts.Length == 2 && int.TryParse(parts[0], out var id) && int.TryParse(parts[1], out var value))
            {
                result[id] = value;
            }
        }

        return result;
    }

    public static string Pack(IDictionary<int, int> answers) =>
        string.Join(';', answers.OrderBy(a => a.Key).Select(a => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{a.Key}:{a.Value}")));
}

internal sealed class SurveyDraftConfiguration : IEntityTypeConfiguration<SurveyDraft>
{
    public void Configure(EntityTypeBuilder<SurveyDraft> draft)
    {
        draft.Property(d => d.Id).HasMaxLength(64).ValueGeneratedNever();
        draft.Property(d => d.Answers).HasMaxLength(SurveyDraft.MaxPacked);
        draft.HasIndex(d => d.ExpiresAt);
    }
}

/// <summary>Drafts left half-way are deleted once they expire: an abandoned survey leaves nothing behind.</summary>
public sealed class SurveyDraftRetention(AppDb db) : IRetentionRule
{
    public Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct) =>
        db.SurveyDrafts.Where(d => d.ExpiresAt < now).ExecuteDeleteAsync(ct);
}
