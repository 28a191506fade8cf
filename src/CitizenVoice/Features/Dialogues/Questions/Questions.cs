using System.Text.RegularExpressions;
using CitizenVoice.Data;
using CitizenVoice.Features.Shared;
using CitizenVoice.Infrastructure;
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

    /// <summary>
    /// Stores a citizen's question with its tracking code; returns it with the secret, which is shown once and kept
    /// only as a hash. The form and the API both send questions through here.
    /// </summary>
    public static async Task<(Opinion Opinion, string Secret)> ReceiveAsync(
        AppDb db, DialogueSession session, QuestionInput input, ContactProtector contacts, DateTime now, CancellationToken ct)
    {
        var phone = input.Phone?.Trim();
        var keepContact = !string.IsNullOrEmpty(phone) && input.ContactConsent == true;
        var code = await NewTrackingCodeAsync(db, VietnamTime.Today(now).Year, ct);
        var secret = TrackingCodes.NewSecret();
        var opinion = new Opinion
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
            TrackingCode = code,
            SecretHash = TrackingCodes.HashSecret(code, secret),
        };
        db.Opinions.Add(opinion);
        await db.SaveChangesAsync(ct);
        return (opinion, secret);
    }

    private static async Task<string> NewTrackingCodeAsync(AppDb db, int year, CancellationToken ct)
    {
        while (true)
        {
            // "CH" for câu hỏi, beside feedback's "PA": a citizen holding both can tell them apart.
            var code = TrackingCodes.New("CH", year);
            if (!await db.Opinions.AnyAsync(o => o.TrackingCode == code, ct))
            {
                return code;
            }
        }
    }
}
