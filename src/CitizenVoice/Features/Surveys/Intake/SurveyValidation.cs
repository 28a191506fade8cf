using System.Security.Claims;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The checks <see cref="SurveyRecorder.RecordAsync"/> makes, without writing anything: for the channels that hold a
/// submission before it becomes a response (a first paper entry, an uploaded file waiting for confirmation). The same
/// messages, so a citizen's or a typist's error reads the same everywhere; RecordAsync still checks again on record,
/// and stays the authority. Unit and field look-ups are cached for the life of the scope because an import asks
/// about the same few codes thousands of times.
/// </summary>
public sealed class SurveyValidation(AppDb db, QuestionnaireCatalog catalog, SurveyIndependence independence, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    private readonly Dictionary<string, (int Id, bool Active)?> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Id, bool Active)?> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Id, int FieldId)?> _procedures = new(StringComparer.Ordinal);
    private readonly Dictionary<int, bool> _independent = [];

    public sealed record Result(IDictionary<string, string[]> Errors, bool NotIndependent, int? UnitId, int? FieldId)
    {
        public bool IsValid => Errors.Count == 0 && !NotIndependent;
    }

    public async Task<Result> ValidateAsync(SurveySubmission submission, ClaimsPrincipal? staff, CancellationToken cancellationToken = default)
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
        var unit = unitCode.Length == 0 ? null : await UnitAsync(unitCode, cancellationToken);
        if (unitCode.Length == 0)
        {
            Error("unitCode", l["Vui lòng chọn đơn vị."]);
        }
        else if (unit is null)
        {
            Error("unitCode", l["Không có đơn vị nào mang mã {0}.", unitCode]);
        }
        else if (!unit.Value.Active)
        {
            Error("unitCode", l["Đơn vị {0} đã ngừng hoạt động hoặc đã sáp nhập; vui lòng chọn đơn vị đang hoạt động.", unitCode]);
        }

        var fieldCode = submission.FieldCode?.Trim() ?? "";
        var field = fieldCode.Length == 0 ? null : await FieldAsync(fieldCode, cancellationToken);
        if (fieldCode.Length == 0)
        {
            Error("fieldCode", l["Vui lòng chọn lĩnh vực."]);
        }
        else if (field is null || !field.Value.Active)
        {
            Error("fieldCode", l["Không có lĩnh vực nào mang mã {0}.", fieldCode]);
        }

        if (!string.IsNullOrWhiteSpace(submission.ProcedureCode))
        {
            var procedureCode = submission.ProcedureCode.Trim();
            var procedure = await ProcedureAsync(procedureCode, cancellationToken);
            if (procedure is null || (field is not null && procedure.Value.FieldId != field.Value.Id))
            {
                Error("procedureCode", l["Thủ tục {0} không thuộc lĩnh vực đã chọn.", procedureCode]);
            }
        }

        var isStaffChannel = SurveyRecorder.StaffChannels.Contains(submission.Channel);
        if (isStaffChannel && staff is null)
        {
            Error("channel", l["Phiếu qua kênh giấy, điện thoại, thư điện tử hoặc nhập từ tệp chỉ do Tổ khảo sát nhập trên trang quản trị."]);
        }

        var questionnaire = submission.QuestionnaireId is { } qid ? await catalog.LoadAsync(qid, cancellationToken) : await catalog.CurrentAsync(cancellationToken);
        if (questionnaire is null || !questionnaire.IsPublished)
        {
            Error("questionnaireId", l["Bảng hỏi không tồn tại hoặc chưa được ban hành."]);
        }

        if (submission.Answers.Count == 0)
        {
            Error("answers", l["Vui lòng trả lời ít nhất một câu hỏi."]);
        }

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
                if (answer.Text?.Trim() is { Length: > SurveyRecorder.MaxComment })
                {
                    Error($"answers[{i}].text", l["Câu trả lời tối đa {0} ký tự.", SurveyRecorder.MaxComment]);
                }
            }
            else if (answer.Value is not { } value || !question.Scale.Allows(value))
            {
                Error($"answers[{i}].value", l["Giá trị {0} không có trong thang đo của câu hỏi “{1}”.", answer.Value?.ToString() ?? "—", question.Text]);
            }
        }

        if (submission.Comment?.Trim() is { Length: > SurveyRecorder.MaxComment })
        {
            Error("comment", l["Góp ý tối đa {0} ký tự.", SurveyRecorder.MaxComment]);
        }

        if (submission.ReceiptCode is { Length: > SurveyRecorder.MaxReceipt })
        {
            Error("receiptCode", l["Mã hồ sơ tối đa {0} ký tự.", SurveyRecorder.MaxReceipt]);
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
        if (errors.Count == 0 && staff is not null && unit is { } u)
        {
            if (!_independent.TryGetValue(u.Id, out var may))
            {
                _independent[u.Id] = may = await independence.MayHandleAsync(staff, u.Id, cancellationToken);
            }

            notIndependent = !may;
        }

        return new Result(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), notIndependent, unit?.Id, field?.Id);
    }

    private async Task<(int Id, bool Active)?> UnitAsync(string code, CancellationToken cancellationToken)
    {
        if (!_units.TryGetValue(code, out var unit))
        {
            var found = await db.Units.AsNoTracking().Where(u => u.Code == code)
                .Select(u => new { u.Id, Active = u.ValidTo == null && u.SuccessorId == null }).SingleOrDefaultAsync(cancellationToken);
            _units[code] = unit = found is null ? null : (found.Id, found.Active);
        }

        return unit;
    }

    private async Task<(int Id, bool Active)?> FieldAsync(string code, CancellationToken cancellationToken)
    {
        if (!_fields.TryGetValue(code, out var field))
        {
            var found = await db.Fields.AsNoTracking().Where(f => f.Code == code).Select(f => new { f.Id, f.IsActive }).SingleOrDefaultAsync(cancellationToken);
            _fields[code] = field = found is null ? null : (found.Id, found.IsActive);
        }

        return field;
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
