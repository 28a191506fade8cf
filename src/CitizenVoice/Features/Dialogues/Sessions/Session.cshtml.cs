using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Dialogues;

/// <summary>A session's public page: details, published questions and answers, the question form, supports, accountability.</summary>
[EnableRateLimiting(RateLimits.PublicWrite)]
public sealed class SessionModel(AppDb db, ContactProtector contacts, LiveRoom live, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string QuestionSentKey = "cv.question.sent";
    public const string QuestionSentPath = "/doi-thoai/da-gui";

    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public QuestionForm Input { get; set; } = new();

    [BindProperty]
    public RegistrationForm Attendee { get; set; } = new();

    public DialogueQueries.SessionDetail Detail { get; private set; } = null!;
    public bool AcceptsQuestions { get; private set; }
    public bool AcceptsRegistrations { get; private set; }

    /// <summary>Shown once after registering: the code and its QR, to show at the door.</summary>
    public string? RegistrationCode { get; private set; }
    public string? RegistrationQr { get; private set; }
    public IReadOnlyDictionary<string, string> Fields { get; private set; } = new Dictionary<string, string>();

    /// <summary>The questions this browser has supported: their button reads "Đã ủng hộ" instead.</summary>
    public IReadOnlySet<int> Supported { get; private set; } = new HashSet<int>();

    public static string QrOf(string code)
    {
        using var qr = QRCoder.QRCodeGenerator.GenerateQrCode(code, QRCoder.QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new QRCoder.PngByteQRCode(qr).GetGraphic(6));
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostQuestionAsync(CancellationToken ct)
    {
        var session = await db.DialogueSessions.SingleOrDefaultAsync(s => s.Id == Id && s.Status != DialogueStatus.Draft, ct);
        if (session is null)
        {
            return NotFound();
        }

        var input = new QuestionInput(Input.Text, Input.FieldCode, Input.AuthorName, Input.Phone, Input.ContactConsent);
        // The shared rules (also the API's) decide; DataAnnotations on the form only label the fields.
        ModelState.Clear();
        foreach (var (key, messages) in await Questions.ValidateAsync(input, db, l, ct))
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError("Input." + char.ToUpperInvariant(key[0]) + key[1..], message);
            }
        }

        if (!session.AcceptsQuestions)
        {
            ModelState.AddModelError("", l["Buổi đối thoại không nhận câu hỏi lúc này."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var (opinion, secret) = await Questions.ReceiveAsync(db, session, input, contacts, clock.GetUtcNow().UtcDateTime, ct);
        await live.ReceivedAsync(session.Id, await db.Opinions.CountAsync(o => o.SessionId == session.Id && o.Status == OpinionStatus.Pending, ct));
        // Shown once on the next page, from the encrypted TempData cookie: a refresh does not send the question again.
        TempData[QuestionSentKey] = $"{opinion.TrackingCode}|{secret}|{session.Id}";
        return Redirect(QuestionSentPath);
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        var session = await db.DialogueSessions.SingleOrDefaultAsync(s => s.Id == Id && s.Status != DialogueStatus.Draft, ct);
        if (session is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        var name = Attendee.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
        {
            ModelState.AddModelError("Attendee.Name", l["Vui lòng nhập họ tên (tối đa 100 ký tự)."]);
        }

        if (Attendee.VillageOrOrganisation?.Trim().Length > 200)
        {
            ModelState.AddModelError("Attendee.VillageOrOrganisation", l["Thôn, bản hoặc tổ chức tối đa 200 ký tự."]);
        }

        if (!Enum.IsDefined(Attendee.Group))
        {
            ModelState.AddModelError("Attendee.Group", l["Vui lòng chọn thành phần."]);
        }

        var phoneErrors = await Questions.ValidateAsync(new QuestionInput("..........", null, null, Attendee.Phone, Attendee.PhoneConsent), db, l, ct);
        foreach (var (key, messages) in phoneErrors)
        {
            ModelState.AddModelError(key == "phone" ? "Attendee.Phone" : "Attendee.PhoneConsent", messages[0]);
        }

        if (!RegistrationOpen(session.Format, session.Status))
        {
            ModelState.AddModelError("", l["Buổi đối thoại không nhận đăng ký tham dự lúc này."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var phone = Attendee.Phone?.Trim();
        var registration = new Registration
        {
            SessionId = session.Id, AttendeeName = name, Group = Attendee.Group, Code = Registration.NewCode(), RegisteredAt = now,
            VillageOrOrganisation = string.IsNullOrWhiteSpace(Attendee.VillageOrOrganisation) ? null : Attendee.VillageOrOrganisation.Trim(),
            ProtectedPhone = string.IsNullOrEmpty(phone) ? null : contacts.Protect(phone),
            PhoneConsentAt = string.IsNullOrEmpty(phone) ? null : now,
        };
        db.Registrations.Add(registration);
        await db.SaveChangesAsync(ct);
        TempData["RegistrationCode"] = registration.Code;
        return Redirect($"/doi-thoai/{Id}#dang-ky");
    }

    public static bool RegistrationOpen(DialogueFormat format, DialogueStatus status) =>
        format != DialogueFormat.Online && status is DialogueStatus.Announced or DialogueStatus.OpenForQuestions;

    public async Task<IActionResult> OnPostSupportAsync(int opinionId, CancellationToken ct)
    {
        var added = await Supports.AddAsync(db, Id, opinionId, VoterToken.HashFor(HttpContext), clock.GetUtcNow().UtcDateTime, ct);
        TempData["Message"] = added ? l["Cảm ơn bạn đã ủng hộ câu hỏi."].Value : l["Bạn đã ủng hộ câu hỏi này."].Value;
        return Redirect($"/doi-thoai/{Id}#y-kien-{opinionId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var detail = await DialogueQueries.DetailAsync(db, Id, VietnamTime.Today(clock), ct);
        if (detail is null)
        {
            return false;
        }

        Detail = detail;
        AcceptsQuestions = detail.Summary.Status is DialogueStatus.OpenForQuestions or DialogueStatus.Live;
        AcceptsRegistrations = RegistrationOpen(detail.Summary.Format, detail.Summary.Status);
        if (TempData["RegistrationCode"] is string code)
        {
            RegistrationCode = code;
            RegistrationQr = QrOf(code);
        }

        // Read without setting the cookie: a first visit has supported nothing, and reading a page must not hand out tokens.
        if (VoterToken.ExistingHash(HttpContext) is { } voter && detail.Questions.Count > 0)
        {
            var ids = detail.Questions.Select(q => q.Id).ToList();
            Supported = (await db.OpinionSupports.AsNoTracking().Where(s => s.VoterHash == voter && ids.Contains(s.OpinionId))
                .Select(s => s.OpinionId).ToListAsync(ct)).ToHashSet();
        }

        Fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).ToDictionaryAsync(f => f.Code, f => LocalName.Of(f.Name, f.NameEn), ct);
        return true;
    }
}

public sealed class QuestionForm
{
    [Display(Name = "Nội dung câu hỏi")]
    public string? Text { get; set; }

    [Display(Name = "Lĩnh vực")]
    public string? FieldCode { get; set; }

    [Display(Name = "Họ tên (không bắt buộc)")]
    public string? AuthorName { get; set; }

    [Display(Name = "Số điện thoại (không bắt buộc)")]
    public string? Phone { get; set; }

    [Display(Name = "Tôi đồng ý để cơ quan Công an lưu số điện thoại này, chỉ để liên hệ trả lời câu hỏi")]
    public bool ContactConsent { get; set; }
}

public sealed class RegistrationForm
{
    [Display(Name = "Họ và tên")]
    public string? Name { get; set; }

    [Display(Name = "Thôn, bản, tổ dân phố hoặc tổ chức")]
    public string? VillageOrOrganisation { get; set; }

    [Display(Name = "Thành phần")]
    public DelegateGroup Group { get; set; } = DelegateGroup.Citizen;

    [Display(Name = "Số điện thoại (không bắt buộc)")]
    public string? Phone { get; set; }

    [Display(Name = "Tôi đồng ý để cơ quan Công an lưu số điện thoại này, chỉ để liên hệ về buổi đối thoại")]
    public bool PhoneConsent { get; set; }
}
