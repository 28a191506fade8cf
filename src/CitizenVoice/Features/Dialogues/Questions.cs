using System.Text.RegularExpressions;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Dialogues;

/// <summary>A citizen's question, from the session page's form or the API. Anonymous unless they give a name.</summary>
public sealed record QuestionInput(string? Text, string? FieldCode, string? AuthorName, string? Phone, bool? ContactConsent);

/// <summary>Validation and creation of citizens' questions, one rule set for the form and the API.</summary>
public static partial class Questions
{
    public const int MinLength = 10;
    public const int MaxLength = 2000;

    [GeneratedRegex(@"^[0-9 .+()-]{8,20}$")]
    private static partial Regex PhonePattern();

    /// <summary>Errors keyed by the API's camelCase field names; empty when the question may be saved.</summary>
    public static async Task<Dictionary<string, string[]>> ValidateAsync(QuestionInput input, AppDb db, IStringLocalizer l, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var text = input.Text?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors["text"] = [l["Vui lòng nhập nội dung câu hỏi."]];
        }
        else if (text.Length is < MinLength or > MaxLength)
        {
            errors["text"] = [l["Nội dung câu hỏi từ {0} đến {1} ký tự.", MinLength, MaxLength]];
        }

        if (!string.IsNullOrWhiteSpace(input.FieldCode) && !await db.Fields.AnyAsync(f => f.Code == input.FieldCode && f.IsActive, ct))
        {
            errors["fieldCode"] = [l["Lĩnh vực không hợp lệ."]];
        }

        if (input.AuthorName?.Trim().Length > 100)
        {
            errors["authorName"] = [l["Họ tên tối đa 100 ký tự."]];
        }

        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            if (!PhonePattern().IsMatch(input.Phone.Trim()))
            {
                errors["phone"] = [l["Số điện thoại không hợp lệ."]];
            }
            else if (input.ContactConsent != true)
            {
                errors["contactConsent"] = [l["Vui lòng đồng ý cho lưu số điện thoại để liên hệ, hoặc bỏ trống số điện thoại."]];
            }
        }

        return errors;
    }

    public static Opinion Create(DialogueSession session, QuestionInput input, ContactProtector contacts, DateTime now)
    {
        var phone = input.Phone?.Trim();
        var keepContact = !string.IsNullOrEmpty(phone) && input.ContactConsent == true;
        return new Opinion
        {
            SessionId = session.Id,
            Channel = session.Status == DialogueStatus.Live ? OpinionChannel.LiveOnline : OpinionChannel.AdvanceOnline,
            FieldCode = string.IsNullOrWhiteSpace(input.FieldCode) ? null : input.FieldCode,
            AuthorName = string.IsNullOrWhiteSpace(input.AuthorName) ? null : input.AuthorName.Trim(),
            ProtectedContact = keepContact ? contacts.Protect(phone!) : null,
            ContactConsentAt = keepContact ? now : null,
            Text = input.Text!.Trim(),
            Status = OpinionStatus.Pending,
            ReceivedAt = now,
        };
    }
}
