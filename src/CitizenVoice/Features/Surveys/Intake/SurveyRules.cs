using System.Security.Claims;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The one statement of what makes a survey response acceptable, for every channel — public API, online form, kiosk,
/// paper double entry, staff entry (phone, email), spreadsheet import. <see cref="SurveyRecorder"/> checks every
/// submission here before it writes, and the channels that hold a submission before it becomes a response (a first
/// paper typing, an uploaded file waiting for confirmation) ask here too, so a citizen's or a typist's error reads the
/// same everywhere and a rule added once holds on every channel. It writes nothing. Scoped: the procedure and
/// independence answers are kept for the life of the request, because an import asks about the same few codes
/// thousands of times (units, fields and the current questionnaire come from the shared <see cref="SurveyDirectory"/>).
/// </summary>
public sealed class SurveyRules(
    AppDb db, QuestionnaireCatalog catalog, SurveyDirectory directory, SurveyIndependence independence, TimeProvider clock,
    IStringLocalizer<SharedResource> l)
{
    public const int MaxComment = 2000;
    public const int MaxReceipt = 50;
    public const int MaxContact = 500;

    /// <summary>Channels whose responses only the survey team enters, signed in on the staff pages.</summary>
    public static readonly SurveyChannel[] StaffChannels = [SurveyChannel.Paper, SurveyChannel.Phone, SurveyChannel.Email, SurveyChannel.Import];

    private readonly Dictionary<string, (int Id, int FieldId)?> _procedures = new(StringComparer.Ordinal);
    private readonly Dictionary<int, bool> _independent = [];

    /// <summary>
    /// What the rules found: the errors keyed by the API's field names (unitCode, answers[2].value), whether a staff
    /// member may not handle the unit, and — when valid — the submission resolved to what is stored.
    /// </summary>
    public sealed record Verdict(
        IDictionary<string, string[]> Errors, bool NotIndependent, SurveyDirectory.UnitEntry? Unit, int? FieldId, int? ProcedureId,
        QuestionnaireView? Questionnaire, IReadOnlyList<SurveyAnswer> Answers, string? Comment, string? Contact)
    {
        public bool IsValid => Errors.Count == 0 && !NotIndependent;
    }

    /// <param name="staff">The team member entering a paper, phone, email or imported response; null for citizens.</param>
    public async Task<Verdict> CheckAsync(SurveySubmission submission, ClaimsPrincipal? staff, CancellationToken cancellationToken = default)
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
            field = null;
        }
        else if (unit is { Active: true } && !unit.Fields.Contains(field.Id))
        {
            // A commune police does not issue passports: a rating of it for one would be about someone else's work.
            Error("fieldCode", l["Đơn vị {0} không giải quyết thủ tục lĩnh vực “{1}”; vui lòng chọn lĩnh vực mà đơn vị phục vụ.", unitCode, field.Name]);
        }

        int? procedureId = null;
        if (!string.IsNullOrWhiteSpace(submission.ProcedureCode))
        {
            var procedureCode = submission.ProcedureCode.Trim();
            var procedure = await ProcedureAsync(procedureCode, cancellationToken);
            if (procedure is null || (field is not null && procedure.Value.FieldId != field.Id))
            {
                Error("procedureCode", l["Thủ tục {0} không thuộc lĩnh vực đã chọn.", procedureCode]);
            }
            else
            {
                procedureId = procedure.Value.Id;
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
            questionnaire = null;
        }

        if (submission.Answers.Count == 0)
        {
            Error("answers", l["Vui lòng trả lời ít nhất một câu hỏi."]);
        }

        var answers = new List<SurveyAnswer>();
        var seen = new HashSet<int>();
        for (var i = 0; i < submission.Answers.Count && questionnaire is not null; i++)
        {
            var answer = submission.Answers[i];
            var question = questionnaire.Find(answer.QuestionId);
            if (question is null)
            {
                Error($"answers[{i}].questionId", l["Câu hỏi {0} không có trong bảng hỏi này.", answer.QuestionId]);
            }
            else if (!seen.Add(question.Id))
            {
                Error($"answers[{i}].questionId", l["Câu hỏi {0} được trả lời hai lần.", answer.QuestionId]);
            }
            else if (question.Scale is null)
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
            }
            else if (answer.Value is not { } value || !question.Scale.Allows(value))
            {
                Error($"answers[{i}].value", l["Giá trị {0} không có trong thang đo của câu hỏi “{1}”.", answer.Value?.ToString() ?? "—", question.Text]);
            }
            else
            {
                answers.Add(new SurveyAnswer { QuestionId = question.Id, Value = value });
            }
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

        // Contact details are personal data: kept only with the citizen's consent, whatever the channel.
        var contact = string.IsNullOrWhiteSpace(submission.Contact) ? null : submission.Contact.Trim();
        if (contact is not null && !submission.ContactConsent)
        {
            Error("contact", l["Vui lòng đánh dấu đồng ý để chúng tôi lưu thông tin liên hệ, hoặc để trống thông tin liên hệ."]);
        }
        else if (contact is { Length: > MaxContact })
        {
            Error("contact", l["Thông tin liên hệ tối đa {0} ký tự.", MaxContact]);
        }

        var today = SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        if (submission.ContactDate is { } contactDate && (contactDate > today || contactDate < today.AddYears(-1)))
        {
            Error("contactDate", l["Ngày liên hệ phải trong vòng một năm trở lại đây và không sau hôm nay."]);
        }
        else if (isStaffChannel && submission.ContactDate is null && submission.Channel != SurveyChannel.Import)
        {
            Error("contactDate", l["Vui lòng nhập ngày tiếp xúc với người dân."]);
        }

        var notIndependent = false;
        if (errors.Count == 0 && staff is not null && unit is not null)
        {
            if (!_independent.TryGetValue(unit.Id, out var may))
            {
                _independent[unit.Id] = may = await independence.MayHandleAsync(staff, unit.Id, cancellationToken);
            }

            notIndependent = !may;
        }

        return new Verdict(
            errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), notIndependent, unit, field?.Id, procedureId, questionnaire, answers, comment, contact);
    }

    private async Task<(int Id, int FieldId)?> ProcedureAsync(string code, CancellationToken cancellationToken)
    {
        if (!_procedures.TryGetValue(code, out var procedure))
        {
            var found = await db.Procedures.AsNoTracking().Where(p => p.Code == code && p.IsActive).Select(p => new { p.Id, p.FieldId }).SingleOrDefaultAsync(cancellationToken);
            _procedures[code] = procedure = found is null ? null : (found.Id, found.FieldId);
        }

        return procedure;
    }
}
