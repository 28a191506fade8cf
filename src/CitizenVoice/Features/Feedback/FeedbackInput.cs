using System.Net.Mail;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Feedback;

/// <summary>
/// Feedback as it arrives, from the API's JSON, the public form or staff entry: every channel is checked by
/// <see cref="ValidateAsync"/>, the one place that says what is acceptable and in which words.
/// </summary>
public sealed class FeedbackInput
{
    /// <summary>gop-y, phan-anh or kien-nghi.</summary>
    public string? Kind { get; set; }

    public string? FieldCode { get; set; }

    /// <summary>The unit, when the citizen knows it; otherwise the province receives it and routes it.</summary>
    public string? UnitCode { get; set; }

    public string? Subject { get; set; }

    public string? Content { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>The citizen agrees that the agency keeps their name and contact to answer them.</summary>
    public bool Consent { get; set; }

    /// <summary>The citizen agrees that the question and its answer may be published without their name or contact.</summary>
    public bool Publish { get; set; }

    /// <summary>The checked feedback, or the errors keyed by the input's names (camelCase, as the API spells them).</summary>
    public async Task<(NewFeedback? Feedback, Dictionary<string, string[]> Errors)> ValidateAsync(
        AppDb db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string key, string message) => errors[key] = [message];

        var kind = FeedbackRules.ParseKind(Kind?.Trim());
        if (kind is null)
        {
            Add("kind", l["Vui lòng chọn loại: góp ý, phản ánh hoặc kiến nghị."]);
        }

        var field = string.IsNullOrWhiteSpace(FieldCode) ? null
            : await db.Fields.AsNoTracking().Where(f => f.Code == FieldCode.Trim() && f.IsActive).Select(f => new { f.Id }).FirstOrDefaultAsync(ct);
        if (field is null)
        {
            Add("fieldCode", l["Vui lòng chọn lĩnh vực."]);
        }

        // An unknown unit is an error; none at all goes to the province, which routes it.
        var units = db.Units.AsNoTracking().Active();
        var unitId = string.IsNullOrWhiteSpace(UnitCode)
            ? await units.Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct)
            : await units.Where(u => u.Code == UnitCode.Trim()).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        if (unitId is null)
        {
            Add("unitCode", l["Không có đơn vị này; hãy chọn trong danh sách hoặc để trống."]);
        }

        var subject = Clean(Subject);
        if (subject is null)
        {
            Add("subject", l["Vui lòng nhập tiêu đề."]);
        }
        else if (subject.Length > FeedbackRules.SubjectMax)
        {
            Add("subject", l["Tiêu đề dài tối đa {0} ký tự.", FeedbackRules.SubjectMax]);
        }

        var content = Clean(Content);
        if (content is null || content.Length < 10)
        {
            Add("content", l["Vui lòng viết nội dung (ít nhất 10 ký tự)."]);
        }
        else if (content.Length > FeedbackRules.ContentMax)
        {
            Add("content", l["Nội dung dài tối đa {0} ký tự.", FeedbackRules.ContentMax]);
        }

        var name = Clean(Name);
        if (name is { Length: > FeedbackRules.NameMax })
        {
            Add("name", l["Họ tên dài tối đa {0} ký tự.", FeedbackRules.NameMax]);
        }

        var email = Clean(Email);
        if (email is not null && (email.Length > 200 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            Add("email", l["Địa chỉ email không hợp lệ."]);
        }

        var phone = Clean(Phone);
        if (phone is not null && (phone.Length > 20 || phone.Count(char.IsAsciiDigit) < 8 || phone.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '.' or '-' or '+'))))
        {
            Add("phone", l["Số điện thoại gồm 8 đến 15 chữ số."]);
        }

        // Name and contact are kept only with consent (personal data law): without it the citizen follows by code alone.
        if ((name ?? email ?? phone) is not null && !Consent)
        {
            Add("consent", l["Để cơ quan lưu họ tên và liên hệ của bạn, hãy đánh dấu đồng ý; nếu không, để trống các ô đó."]);
        }

        return errors.Count > 0
            ? (null, errors)
            : (new NewFeedback(kind!.Value, field!.Id, unitId!.Value, subject!, content!, name, email, phone, Publish), errors);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
