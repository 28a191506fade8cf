using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Feedback;

/// <summary>
/// The citizen's view of an item: with the tracking code, its status and timeline; with the secret too, its content
/// and answer, the rating of the answer, the information asked for, and their personal data with a way to delete it.
/// The secret travels only in posts, never in a link.
/// </summary>
[EnableRateLimiting(RateLimits.PublicWrite)]
public sealed class FeedbackTrackingModel(AppDb db, FeedbackWorkflow workflow, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "ma")]
    public string? Code { get; set; }

    [BindProperty(Name = "bi-mat")]
    public string? Secret { get; set; }

    public FeedbackApi.StatusDto? Status { get; private set; }

    /// <summary>What the system holds about the citizen, decrypted for them alone.</summary>
    public (string? Name, string? Email, string? Phone)? PersonalData { get; private set; }

    /// <summary>The names of the files the citizen sent, which may show them or their papers.</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(null, ct);

    public async Task OnPostOpenAsync(CancellationToken ct) => await LoadAsync(Secret, ct);

    public Task<IActionResult> OnPostRateAsync(bool hailong, CancellationToken ct) =>
        ActAsync(item => workflow.RateAsync(item, hailong, ct), hailong ? l["Cảm ơn bạn đã đánh giá."] : l["Đã ghi nhận: lãnh đạo đơn vị sẽ xem xét lại."], ct);

    public Task<IActionResult> OnPostAddAsync(string? boSung, CancellationToken ct)
    {
        var text = boSung?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > FeedbackRules.NoteMax)
        {
            ModelState.AddModelError("boSung", l["Vui lòng viết thông tin bổ sung (tối đa {0} ký tự).", FeedbackRules.NoteMax]);
            return ReloadAsync(ct);
        }

        return ActAsync(item => workflow.AddInformationAsync(item, text, ct), l["Đã gửi thông tin bổ sung."], ct);
    }

    public Task<IActionResult> OnPostDeleteDataAsync(CancellationToken ct) =>
        ActAsync(item => workflow.DeletePersonalDataAsync(item, ct), l["Đã xóa họ tên và thông tin liên hệ của bạn."], ct);

    private async Task<IActionResult> ActAsync(Func<FeedbackItem, Task> action, string done, CancellationToken ct)
    {
        // A value that did not bind ("hailong=maybe") must not be read as its default (false would reopen the item).
        if (!ModelState.IsValid)
        {
            return await ReloadAsync(ct);
        }

        var code = Code?.Trim().ToUpperInvariant();
        var item = code is null ? null : await db.FeedbackItems.FirstOrDefaultAsync(f => f.TrackingCode == code, ct);
        if (item is null || !workflow.SecretMatches(item, Secret))
        {
            ModelState.AddModelError("bi-mat", l["Mã theo dõi hoặc mã bí mật không đúng."]);
            return await ReloadAsync(ct);
        }

        try
        {
            await action(item);
            Message = done;
        }
        catch (FeedbackStepException)
        {
            ModelState.AddModelError("", l["Việc này không còn làm được ở trạng thái hiện tại của góp ý."]);
        }

        return await ReloadAsync(ct);
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken ct)
    {
        await LoadAsync(Secret, ct);
        return Page();
    }

    private async Task LoadAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return;
        }

        Status = await FeedbackStatusQuery.FindAsync(db, workflow, Code, secret, ct);
        if (Status is null)
        {
            ModelState.AddModelError("ma", l["Không tìm thấy mã theo dõi này."]);
            return;
        }

        if (secret is not null && !Status.SecretAccepted)
        {
            ModelState.AddModelError("bi-mat", l["Mã bí mật không đúng: chỉ xem được trạng thái."]);
        }

        if (Status.SecretAccepted)
        {
            var item = await db.FeedbackItems.AsNoTracking().FirstAsync(f => f.TrackingCode == Status.TrackingCode, ct);
            PersonalData = (workflow.Unprotect(item.NameProtected), workflow.Unprotect(item.EmailProtected), workflow.Unprotect(item.PhoneProtected));
            Files = await db.FeedbackAttachments.AsNoTracking().Where(a => a.FeedbackItemId == item.Id).OrderBy(a => a.Id).Select(a => a.FileName).ToListAsync(ct);
        }
    }
}
