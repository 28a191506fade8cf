using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Surveys.Rollups;
using Microsoft.EntityFrameworkCore.Storage;
using CitizenVoice.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>A response as it arrives from any channel, before it is checked. <see cref="Id"/>, when a channel knows it
/// (a kiosk's client id, an imported row's stable key), becomes the response's id, so a retry cannot make a second.</summary>
public sealed record SurveySubmission(
    string? UnitCode,
    string? FieldCode,
    SurveyChannel Channel,
    IReadOnlyList<SubmittedAnswer> Answers,
    string? ReceiptCode = null,
    string? Comment = null,
    string? ProcedureCode = null,
    int? QuestionnaireId = null,
    DateOnly? ContactDate = null,
    string? Contact = null,
    bool ContactConsent = false,
    Guid? Id = null);

public sealed record SubmittedAnswer(int QuestionId, int? Value, string? Text = null);

public enum RecordStatus
{
    Created,
    Invalid,
    DuplicateReceipt,
    NotIndependent,
    /// <summary>A staff member, signed in, rated their own unit or one under it through a citizens' channel: refused and audited.</summary>
    OwnUnit,
    /// <summary>A kiosk follow-up from a device that did not record the response it names (or too late): nothing recorded.</summary>
    NotReplaceable,
}

/// <summary>What became of a submission; <see cref="Errors"/> are keyed by the API's field names (unitCode, answers[2].value).</summary>
public sealed record RecordOutcome(RecordStatus Status, Guid? Id = null, IDictionary<string, string[]>? Errors = null)
{
    /// <summary>Created earlier under the same id (a device's retry): nothing new was recorded this time.</summary>
    public bool Repeated { get; init; }
}

/// <summary>
/// The one way a response enters the database, whatever the channel: validation, independence for staff channels,
/// then <see cref="SurveyWriter"/> stores the response, its answers and the rollups in one transaction (and decides
/// duplicate ids and receipt codes there).
/// </summary>
public sealed class SurveyRecorder(
    AppDb db, QuestionnaireCatalog catalog, ReceiptHasher receipts, SurveyIndependence independence,
    IDataProtectionProvider protection, TimeProvider clock, IStringLocalizer<SharedResource> l, WriteGate gate, SurveyWriter writer, SurveyDirectory directory,
    Organisation.UnitScope scope)
{
    public const int MaxComment = 2000;
    public const int MaxReceipt = 50;
    public const int MaxContact = 500;

    /// <summary>The audit action of a refused self-rating.</summary>
    public const string RefusedAction = "refuse";

    public static readonly SurveyChannel[] StaffChannels = [SurveyChannel.Paper, SurveyChannel.Phone, SurveyChannel.Email, SurveyChannel.Import];

    internal static IDataProtector ContactProtector(IDataProtectionProvider provider) => provider.CreateProtector("CitizenVoice.Surveys.Contact.v1");

    /// <param name="staff">The team member entering a paper, phone, email or imported response; null for citizens.</param>
    public Task<RecordOutcome> RecordAsync(SurveySubmission submission, ClaimsPrincipal? staff, CancellationToken cancellationToken = default) =>
        RecordAsync(submission, staff, visitor: null, cancellationToken);

    /// <summary>
    /// A response through a citizens' channel (online form, kiosk, public API). <paramref name="visitor"/> is whoever
    /// is signed in on the browser or device that sent it. A staff member rating their own unit, or one under it, there
    /// would pass their own work off as a citizen's judgement, so it is refused — not stored flagged, because a flagged
    /// rating would still sit among the citizens' ones for every later query to remember to leave out — and the attempt
    /// is written to the audit log. Rating another unit (as any citizen may, say when renewing a passport elsewhere) is allowed.
    /// </summary>
    public Task<RecordOutcome> RecordFromCitizenChannelAsync(SurveySubmission submission, ClaimsPrincipal visitor, CancellationToken cancellationToken = default) =>
        RecordAsync(submission, staff: null, visitor, cancellationToken);

    /// <summary>Whether <paramref name="visitor"/> is staff signed in for the unit (or above it): the channel pages warn them before they rate.</summary>
    public async Task<bool> IsOwnUnitAsync(ClaimsPrincipal visitor, string unitCode, CancellationToken cancellationToken = default) =>
        Organisation.UnitScope.UnitIdOf(visitor) is not null
        && await directory.UnitAsync(db, unitCode, cancellationToken) is { } unit
        && await scope.CoversAsync(visitor, unit.Id, cancellationToken);

    private async Task<RecordOutcome> RecordAsync(SurveySubmission submission, ClaimsPrincipal? staff, ClaimsPrincipal? visitor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>();
        void Error(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        var unitCode = submission.UnitCode?.Trim() ?? "";
        var unit = unitCode.Length == 0 ? null : await directory.UnitAsync(db, unitCode, cancellationToken);
        if (unitCode.Length == 0)
        {
            Error("unitCode", l["Vui lòng chọn đơn vị."]);
        }
        else if (unit is null)
        {
            Error("unitCode", l["Không có đơn vị nào mang mã {0}.", unitCode]);
        }
        else if (!unit.Active)
        {
            Error("unitCode", l["Đơn vị {0} đã ngừng hoạt động hoặc đã sáp nhập; vui lòng chọn đơn vị đang hoạt động.", unitCode]);
        }

        var fieldCode = submission.FieldCode?.Trim() ?? "";
        var field = fieldCode.Length == 0 ? null : await directory.FieldAsync(db, fieldCode, cancellationToken);
        if (fieldCode.Length == 0)
        {
            Error("fieldCode", l["Vui lòng chọn lĩnh vực."]);
        }
        else if (field is null || !field.Active)
        {
            Error("fieldCode", l["Không có lĩnh vực nào mang mã {0}.", fieldCode]);
        }

        int? procedureId = null;
        if (!string.IsNullOrWhiteSpace(submission.ProcedureCode))
        {
            var procedureCode = submission.ProcedureCode.Trim();
            var procedure = await db.Procedures.AsNoTracking().Where(p => p.Code == procedureCode && p.IsActive)
                .Select(p => new { p.Id, p.FieldId }).SingleOrDefaultAsync(cancellationToken);
            if (procedure is null || (field is not null && procedure.FieldId != field.Id))
            {
                Error("procedureCode", l["Thủ tục {0} không thuộc lĩnh vực đã chọn.", procedureCode]);
            }
            else
            {
                procedureId = procedure.Id;
            }
        }

        var isStaffChannel = StaffChannels.Contains(submission.Channel);
        if (isStaffChannel && staff is null)
        {
            Error("channel", l["Phiếu qua kênh giấy, điện thoại, thư điện tử hoặc nhập từ tệp chỉ do Tổ khảo sát nhập trên trang quản trị."]);
        }

        var questionnaireId = submission.QuestionnaireId ?? await directory.CurrentQuestionnaireIdAsync(db, cancellationToken);
        var questionnaire = questionnaireId is { } qid ? await catalog.LoadAsync(qid, cancellationToken) : null;
        if (questionnaire is null || !questionnaire.IsPublished)
        {
            Error("questionnaireId", l["Bảng hỏi không tồn tại hoặc chưa được ban hành."]);
        }

        var answers = new List<SurveyAnswer>();
        if (submission.Answers.Count == 0)
        {
            Error("answers", l["Vui lòng trả lời ít nhất một câu hỏi."]);
        }

        for (var i = 0; i < submission.Answers.Count && questionnaire is not null; i++)
        {
            var answer = submission.Answers[i];
            var question = questionnaire.Find(answer.QuestionId);
            if (question is null)
            {
                Error($"answers[{i}].questionId", l["Câu hỏi {0} không có trong bảng hỏi này.", answer.QuestionId]);
                continue;
            }

            if (answers.Exists(a => a.QuestionId == question.Id))
            {
                Error($"answers[{i}].questionId", l["Câu hỏi {0} được trả lời hai lần.", answer.QuestionId]);
                continue;
            }

            if (question.Scale is null)
            {
                var text = answer.Text?.Trim();
                if (text is { Length: > MaxComment })
                {
                    Error($"answers[{i}].text", l["Câu trả lời tối đa {0} ký tự.", MaxComment]);
                }
                else if (!string.IsNullOrEmpty(text))
                {
                    answers.Add(new SurveyAnswer { QuestionId = question.Id, Text = text });
                }

                continue;
            }

            if (answer.Value is not { } value || !question.Scale.Allows(value))
            {
                Error($"answers[{i}].value", l["Giá trị {0} không có trong thang đo của câu hỏi “{1}”.", answer.Value?.ToString() ?? "—", question.Text]);
                continue;
            }

            answers.Add(new SurveyAnswer { QuestionId = question.Id, Value = value });
        }

        var comment = string.IsNullOrWhiteSpace(submission.Comment) ? null : submission.Comment.Trim();
        if (comment is { Length: > MaxComment })
        {
            Error("comment", l["Góp ý tối đa {0} ký tự.", MaxComment]);
        }

        if (submission.ReceiptCode is { Length: > MaxReceipt })
        {
            Error("receiptCode", l["Mã hồ sơ tối đa {0} ký tự.", MaxReceipt]);
        }

        var contact = string.IsNullOrWhiteSpace(submission.Contact) ? null : submission.Contact.Trim();
        if (contact is not null && !submission.ContactConsent)
        {
            Error("contact", l["Vui lòng đánh dấu đồng ý để chúng tôi lưu thông tin liên hệ, hoặc để trống thông tin liên hệ."]);
        }
        else if (contact is { Length: > MaxContact })
        {
            Error("contact", l["Thông tin liên hệ tối đa {0} ký tự.", MaxContact]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = SurveyResponse.VietnameseDay(now);
        if (submission.ContactDate is { } contactDate && (contactDate > today || contactDate < today.AddYears(-1)))
        {
            Error("contactDate", l["Ngày liên hệ phải trong vòng một năm trở lại đây và không sau hôm nay."]);
        }
        else if (isStaffChannel && submission.ContactDate is null && submission.Channel != SurveyChannel.Import)
        {
            Error("contactDate", l["Vui lòng nhập ngày tiếp xúc với người dân."]);
        }

        if (errors.Count > 0 || unit is null || field is null || questionnaire is null)
        {
            return new RecordOutcome(RecordStatus.Invalid, Errors: errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        if (visitor is not null && Organisation.UnitScope.UnitIdOf(visitor) is not null && await scope.CoversAsync(visitor, unit.Id, cancellationToken))
        {
            db.AuditLog.Add(new AuditEntry
            {
                At = clock.GetUtcNow().UtcDateTime,
                UserId = visitor.FindFirstValue(ClaimTypes.NameIdentifier),
                UserName = visitor.Identity?.Name ?? "?",
                Action = RefusedAction,
                EntityType = nameof(SurveyResponse),
                EntityKey = unitCode,
                After = JsonSerializer.Serialize(new { Unit = unitCode, Field = fieldCode, Channel = submission.Channel.ToString(), Reason = "Cán bộ đánh giá đơn vị mình qua kênh dành cho người dân" }, AuditJson),
            });
            await db.SaveChangesAsync(cancellationToken);
            return new RecordOutcome(RecordStatus.OwnUnit);
        }

        if (staff is not null && !await independence.MayHandleAsync(staff, unit.Id, cancellationToken))
        {
            return new RecordOutcome(RecordStatus.NotIndependent);
        }

        var receiptHash = await receipts.HashAsync(submission.ReceiptCode, cancellationToken);
        var response = new SurveyResponse
        {
            Id = submission.Id ?? Guid.CreateVersion7(),
            QuestionnaireId = questionnaire.Id, UnitId = unit.Id, FieldId = field.Id, ProcedureId = procedureId,
            Channel = submission.Channel, CreatedAt = now, Day = submission.ContactDate ?? today,
            RespondentType = answers.Find(a => questionnaire.Find(a.QuestionId)?.Scale?.Code == Scales.Respondent)?.Value ?? 0,
            ReceiptHash = receiptHash, Comment = comment, Answers = answers,
            ContactProtected = contact is null ? null : ContactProtector(protection).Protect(contact),
            ContactConsentAt = contact is null ? null : now,
            EnteredById = staff?.FindFirstValue(ClaimTypes.NameIdentifier),
        };

        var result = await writer.WriteAsync(response, ResponseCounts.Lineage(unit.Path), unit.Level, staff is null ? null : AuditOf(response, staff), submission.Id is not null, cancellationToken);
        return result == WriteResult.DuplicateReceipt ? new RecordOutcome(RecordStatus.DuplicateReceipt)
            : new RecordOutcome(RecordStatus.Created, response.Id) { Repeated = result == WriteResult.AlreadyStored };
    }

    /// <summary>The audit entry of a staff member's entry: what they recorded, with the contact masked (it is personal data).</summary>
    private AuditEntry AuditOf(SurveyResponse response, ClaimsPrincipal staff) => new()
    {
        At = response.CreatedAt,
        UserId = response.EnteredById,
        UserName = staff.Identity?.Name ?? "?",
        Action = "create",
        EntityType = nameof(SurveyResponse),
        EntityKey = response.Id.ToString(),
        After = JsonSerializer.Serialize(new
        {
            response.QuestionnaireId, response.UnitId, response.FieldId, response.ProcedureId, Channel = response.Channel.ToString(), response.Day,
            response.RespondentType, response.Comment, Contact = response.ContactProtected is null ? null : "***",
            Answers = response.Answers.ToDictionary(a => a.QuestionId.ToString(CultureInfo.InvariantCulture), a => (object?)a.Value ?? a.Text),
        }, AuditJson),
    };

    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Soft-deletes a response with a reason and takes its answers out of the rollups, in one transaction.</summary>
    public async Task<bool> DeleteAsync(Guid id, string reason, CancellationToken cancellationToken = default)
    {
        var response = await db.SurveyResponses.SingleOrDefaultAsync(r => r.Id == id && !r.IsDeleted, cancellationToken);
        if (response is null)
        {
            return false;
        }

        using var turn = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        response.IsDeleted = true;
        response.DeletedReason = reason;
        response.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        var unit = await db.Units.Where(u => u.Id == response.UnitId).Select(u => new { u.Path, u.Level }).SingleAsync(cancellationToken);
        var counts = new ResponseCounts();
        counts.Remove(response, ResponseCounts.Lineage(unit.Path), unit.Level);
        await counts.WriteAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
