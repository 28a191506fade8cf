using CitizenVoice.Data;
using CitizenVoice.Features.Shared;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// The author's view of a question sent to a dialogue: with the tracking code, whether it was published, why not, and
/// the answer; with the secret too, the question as sent and the name and phone kept with it, with a way to delete
/// them. As on the feedback tracking page, the secret travels only in posts, never in a link.
/// </summary>
[EnableRateLimiting(RateLimits.PublicWrite)]
public sealed class QuestionTrackingModel(AppDb db, ContactProtector contacts, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const string Path = "/doi-thoai/theo-doi";

    [BindProperty(SupportsGet = true, Name = "ma")]
    public string? Code { get; set; }

    [BindProperty(Name = "bi-mat")]
    public string? Secret { get; set; }

    public QuestionTracking.Result? Status { get; private set; }

    /// <summary>What the system holds about the author, decrypted for them alone.</summary>
    public (string? Name, string? Phone)? PersonalData { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(null, ct);

    public async Task OnPostOpenAsync(CancellationToken ct) => await LoadAsync(Secret, ct);

    /// <summary>Removes the author's name and phone; the question, its answer and its place in the figures stay.</summary>
    public async Task<IActionResult> OnPostDeleteDataAsync(CancellationToken ct)
    {
        var code = TrackingCodes.Normalise(Code);
        var opinion = code is null ? null : await db.Opinions.SingleOrDefaultAsync(o => o.TrackingCode == code, ct);
        if (opinion is null || !TrackingCodes.SecretMatches(opinion.TrackingCode!, opinion.SecretHash, Secret))
        {
            ModelState.AddModelError("bi-mat", l["Mã theo dõi hoặc mã bí mật không đúng."]);
        }
        else
        {
            opinion.AuthorName = null;
            opinion.ProtectedContact = null;
            opinion.ContactConsentAt = null;
            await db.SaveChangesAsync(ct);
            Message = l["Đã xóa họ tên và số điện thoại của bạn."];
        }

        await LoadAsync(Secret, ct);
        return Page();
    }

    private async Task LoadAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return;
        }

        Status = await QuestionTracking.FindAsync(db, Code, secret, VietnamTime.Today(clock), ct);
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
            var kept = await db.Opinions.AsNoTracking().Where(o => o.TrackingCode == Status.TrackingCode)
                .Select(o => new { o.AuthorName, o.ProtectedContact }).SingleAsync(ct);
            PersonalData = (kept.AuthorName, kept.ProtectedContact is null ? null : contacts.Unprotect(kept.ProtectedContact));
        }
    }
}
