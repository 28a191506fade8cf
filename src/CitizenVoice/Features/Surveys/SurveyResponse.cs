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

/// <summary>
/// The day's counts per unit × field × procedure × channel × respondent type, kept in the same transaction as every
/// response, so reports never scan raw responses: how many responded (<see cref="Responses"/>: the number of people
/// behind an index — answers of one person are not independent, so intervals count people) and how many gave each
/// value to each question (<see cref="Answers"/>, packed by <see cref="AnswerCounts"/>). <see cref="ProcedureId"/> is 0
/// when the response named no procedure (a key column cannot be null).
/// </summary>
public sealed class DailyRollup
{
    public DateOnly Day { get; set; }
    public int UnitId { get; set; }
    public int FieldId { get; set; }
    public int ProcedureId { get; set; }
    public SurveyChannel Channel { get; set; }
    public int RespondentType { get; set; }
    public long Responses { get; set; }
    public string Answers { get; set; } = "";
}

/// <summary>The survey feature's stored secrets: one row. The receipt key is kept encrypted with Data Protection.</summary>
public sealed class SurveySecret
{
    public int Id { get; set; }
    public required string ProtectedReceiptKey { get; set; }
}

/// <summary>
/// Monthly counts per unit, field, channel and respondent type, for the results screens (a filter on channel or
/// respondent type reads a few more of these rows instead of a year of daily rows). <see cref="Scope"/> 0 rows hold the unit's own
/// responses; scope 1 rows hold the responses of the unit and everything under it (where the units sat when the
/// responses were recorded, or since the last move); scope <see cref="Below"/>(level) rows hold those of the units of
/// that level under it. A province's year is a few dozen rows per figure instead of a scan of every commune's days,
/// and its figures per level (province, district, commune) a few dozen more. Rows by day (<see cref="IsDay"/>) serve
/// the days at either end of a period that is not whole months (a year earlier than "this year until today"): scope
/// <see cref="TreeDay"/> holds the subtree by day, scope <see cref="BelowDay"/>(level) the units of that level below by
/// day. <see cref="Month"/> holds the day in them. Like the monthly rows they come split by channel and respondent type
/// and as the twin for all of them, so the province's part month is a row per day and field (a few more with a channel
/// filter), not every commune's daily rows. Scopes <see cref="ProcedureOwn"/> and <see cref="ProcedureTree"/> count one
/// procedure each (<see cref="ProcedureId"/>) by month, for all channels: figures for a procedure over a year.
/// </summary>
public sealed class MonthlyRollup
{
    public const int Own = 0;
    public const int Tree = 1;
    public const int TreeDay = 2;
    /// <summary>A unit's own rows for one procedure (<see cref="ProcedureId"/>), by month, for all channels.</summary>
    public const int ProcedureOwn = 3;
    /// <summary>A unit's subtree rows for one procedure, by month, for all channels.</summary>
    public const int ProcedureTree = 4;

    /// <summary>
    /// The channel of monthly rows that count every channel and respondent type (their respondent type is 0 too): each
    /// monthly row has this twin, so a figure without those filters reads one row per unit, month and field, not 18.
    /// </summary>
    public const SurveyChannel AllChannels = 0;

    /// <summary>Scopes from here on count the units of one level below a unit: by month from 10, by day from 20.</summary>
    public const int FirstBelow = 10;
    public const int FirstBelowDay = 20;

    /// <summary>The scope of rows counting the units of <paramref name="level"/> below a unit, by month.</summary>
    public static int Below(Organisation.UnitLevel level) => FirstBelow + (int)level;

    /// <summary>The scope of rows counting the units of <paramref name="level"/> below a unit, by day.</summary>
    public static int BelowDay(Organisation.UnitLevel level) => FirstBelowDay + (int)level;

    public static bool IsBelow(int scope) => scope >= FirstBelow;

    /// <summary>Rows by day rather than by month: <see cref="TreeDay"/> and <see cref="BelowDay"/>.</summary>
    public static bool IsDay(int scope) => scope == TreeDay || scope >= FirstBelowDay;

    public static Organisation.UnitLevel LevelOf(int belowScope) => (Organisation.UnitLevel)(belowScope % 10);

    public int UnitId { get; set; }
    public int Scope { get; set; }
    public DateOnly Month { get; set; }
    public int FieldId { get; set; }
    public SurveyChannel Channel { get; set; }
    public int RespondentType { get; set; }
    /// <summary>0 in every scope but <see cref="ProcedureOwn"/> and <see cref="ProcedureTree"/>, whose rows count one procedure.</summary>
    public int ProcedureId { get; set; }
    public long Responses { get; set; }
    /// <summary>Packed by <see cref="AnswerCounts"/>.</summary>
    public string Answers { get; set; } = "";
}
