using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>How the survey pages show what became of a submission: one wording per outcome, whichever page it was sent from.</summary>
public static class SurveyOutcomeModelState
{
    /// <summary>
    /// Adds the outcome of a refused submission to the form: a used receipt code under <paramref name="receiptKey"/>,
    /// a refused self-rating and the rules' errors at the top. A created response adds nothing.
    /// </summary>
    public static void AddOutcome(this ModelStateDictionary modelState, RecordOutcome outcome, IStringLocalizer l, string receiptKey = "ReceiptCode")
    {
        switch (outcome.Status)
        {
            case RecordStatus.Created:
                break;
            case RecordStatus.DuplicateReceipt:
                modelState.AddModelError(receiptKey, l["Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần."]);
                break;
            case RecordStatus.OwnUnit:
                modelState.AddModelError("", l["Cán bộ đang đăng nhập không được đánh giá đơn vị mình hoặc đơn vị trực thuộc qua kênh dành cho người dân. Phiếu không được ghi nhận; lần gửi này đã được ghi vào nhật ký."]);
                break;
            default:
                modelState.AddErrors(outcome.Errors);
                break;
        }
    }

    /// <summary>The errors of <see cref="SurveyRules"/> (keyed by the API's names, which are not the form's) at the top of the form.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, IDictionary<string, string[]>? errors)
    {
        foreach (var message in errors?.Values.SelectMany(m => m) ?? [])
        {
            modelState.AddModelError("", message);
        }
    }
}
