using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// What a citizen posts on the online survey, whether on one page or step by step: the same fields, the same limits
/// and the same honeypot, so both forms record through the same rules.
/// </summary>
public abstract class CitizenSurveyPage : PageModel
{
    // Named explicitly: without a name, MVC falls back to binding every form field as a dictionary key when none is posted.
    [BindProperty(Name = "Answers")]
    public Dictionary<int, int>? Answers { get; set; }

    [BindProperty(Name = "Texts")]
    public Dictionary<int, string>? Texts { get; set; }

    [BindProperty]
    [StringLength(SurveyRules.MaxComment, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Góp ý để chúng tôi phục vụ tốt hơn (không bắt buộc)")]
    public string? Comment { get; set; }

    [BindProperty]
    [StringLength(SurveyRules.MaxReceipt, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Mã hồ sơ (mã biên nhận)")]
    public string? ReceiptCode { get; set; }

    [BindProperty]
    [StringLength(SurveyRules.MaxContact, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Số điện thoại hoặc email")]
    public string? Contact { get; set; }

    [BindProperty]
    [Display(Name = "Tôi đồng ý để Tổ khảo sát lưu thông tin liên hệ này để liên hệ lại với tôi về phiếu đánh giá.")]
    public bool ContactConsent { get; set; }

    /// <summary>The honeypot.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public QuestionnaireView Questionnaire { get; protected set; } = null!;
    public string UnitName { get; protected set; } = "";
    public string FieldName { get; protected set; } = "";
    /// <summary>Staff of this unit (or above it) are signed in on this browser: the form warns that their rating is refused.</summary>
    public bool SignedInStaff { get; protected set; }
}
