using System.Globalization;
using CitizenVoice.Features.Audit;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// One citizen's answers about one service (unit × field, optionally a procedure), on the questionnaire version they
/// saw. Its id is a time-ordered GUID made before the insert, so an entry can be named in the audit log and a kiosk
/// can retry without duplicates.
/// </summary>
public sealed class SurveyResponse : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int QuestionnaireId { get; set; }
    public int UnitId { get; set; }
    public int FieldId { get; set; }
    public int? ProcedureId { get; set; }
    public SurveyChannel Channel { get; set; }
    /// <summary>Who answered, from the optional profile question: 0 not said, 1 an individual, 2 an organisation.</summary>
    public int RespondentType { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The Vietnamese calendar day the answer counts for (the contact date for phone, email and paper).</summary>
    public DateOnly Day { get; set; }
    /// <summary>HMAC-SHA256 of the normalised receipt code (mã hồ sơ); the code itself is never stored.</summary>
    public string? ReceiptHash { get; set; }
    public string? Comment { get; set; }
    /// <summary>Contact details left for follow-up with explicit consent, encrypted with Data Protection.</summary>
    public string? ContactProtected { get; set; }
    public DateTime? ContactConsentAt { get; set; }
    /// <summary>The staff member who entered a phone, email or paper response.</summary>
    public string? EnteredById { get; set; }
    public bool IsDeleted { get; set; }
    public string? DeletedReason { get; set; }
    public DateTime? DeletedAt { get; set; }
    public List<SurveyAnswer> Answers { get; set; } = [];

    string IAudited.AuditKey => Id.ToString();

    /// <summary>Vietnam keeps UTC+7 all year.</summary>
    public static DateOnly VietnameseDay(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(7));
}

/// <summary>
/// One answer. Free-text answers have <see cref="Text"/>; scaled answers have <see cref="Value"/>. A response's answers
/// are stored packed in one column of its row (<see cref="Pack"/>): one row per response instead of one per answer is
/// what lets a single writer keep up with a province's counters, and nothing queries single answers in SQL — reports
/// read the rollups, and the rare scans (the check, a rebuild, suggestions by element) unpack in memory.
/// </summary>
public sealed record SurveyAnswer
{
    public int QuestionId { get; init; }
    public int? Value { get; init; }
    public string? Text { get; init; }

    /// <summary>Answers as a JSON object by question id, in question order: <c>{"12":4,"13":5,"40":"Cần thêm ghế"}</c>.</summary>
    public static string Pack(IEnumerable<SurveyAnswer> answers)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = PackedJson }))
        {
            json.WriteStartObject();
            Span<char> name = stackalloc char[11];
            foreach (var answer in answers.OrderBy(a => a.QuestionId))
            {
                answer.QuestionId.TryFormat(name, out var length, provider: CultureInfo.InvariantCulture);
                if (answer.Value is { } value)
                {
                    json.WriteNumber(name[..length], value);
                }
                else
                {
                    json.WriteString(name[..length], answer.Text);
                }
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The answers of a packed column (any JSON object of question id to number or text).</summary>
    public static List<SurveyAnswer> Unpack(string? packed)
    {
        var answers = new List<SurveyAnswer>();
        if (string.IsNullOrEmpty(packed))
        {
            return answers;
        }

        var json = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(packed));
        json.Read();
        while (json.Read() && json.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            var questionId = int.Parse(json.GetString()!, CultureInfo.InvariantCulture);
            json.Read();
            answers.Add(json.TokenType == System.Text.Json.JsonTokenType.Number
                ? new SurveyAnswer { QuestionId = questionId, Value = json.GetInt32() }
                : new SurveyAnswer { QuestionId = questionId, Text = json.GetString() });
        }

        return answers;
    }

    /// <summary>Vietnamese text stays readable in the column (only what JSON requires is escaped).</summary>
    private static readonly System.Text.Encodings.Web.JavaScriptEncoder PackedJson = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}

public enum SurveyChannel
{
    Online = 1,
    Kiosk = 2,
    Paper = 3,
    Phone = 4,
    Email = 5,
    Import = 6,
}

/// <summary>The survey feature's stored secrets: one row. The receipt key is kept encrypted with Data Protection.</summary>
public sealed class SurveySecret
{
    public int Id { get; set; }
    public required string ProtectedReceiptKey { get; set; }
}
