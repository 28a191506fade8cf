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
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public QuestionForm Input { get; set; } = new();

    public DialogueQueries.SessionDetail Detail { get; private set; } = null!;
    public bool AcceptsQuestions { get; private set; }
    public IReadOnlyDictionary<string, string> Fields { get; private set; } = new Dictionary<string, string>();

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

        db.Opinions.Add(Questions.Create(session, input, contacts, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        await live.ReceivedAsync(session.Id, await db.Opinions.CountAsync(o => o.SessionId == session.Id && o.Status == OpinionStatus.Pending, ct));
        TempData["Message"] = l["Câu hỏi của bạn đã được gửi. Câu hỏi sẽ được đăng sau khi thư ký duyệt."].Value;
        return Redirect($"/doi-thoai/{Id}#gui-cau-hoi");
    }

    public async Task<IActionResult> OnPostSupportAsync(int opinionId, CancellationToken ct)
    {
        var added = await Supports.AddAsync(db, Id, opinionId, VoterToken.HashFor(HttpContext), clock.GetUtcNow().UtcDateTime, ct);
        TempData["Message"] = added ? l["Cảm ơn bạn đã ủng hộ câu hỏi."].Value : l["Bạn đã ủng hộ câu hỏi này."].Value;
        return Redirect($"/doi-thoai/{Id}#y-kien-{opinionId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var detail = await DialogueQueries.DetailAsync(db, Id, DialogueText.Today(clock), ct);
        if (detail is null)
        {
            return false;
        }

        Detail = detail;
        AcceptsQuestions = detail.Summary.Status is DialogueStatus.OpenForQuestions or DialogueStatus.Live;
        Fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).ToDictionaryAsync(f => f.Code, f => f.Name, ct);
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
