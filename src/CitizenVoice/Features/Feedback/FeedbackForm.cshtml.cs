using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Feedback;

/// <summary>What the shared form fields (_FeedbackFields) need from a page.</summary>
public interface IFeedbackForm
{
    FeedbackInput Input { get; }

    IReadOnlyList<FeedbackChoices.Choice> Fields { get; }

    IReadOnlyList<UnitChoices.Group> UnitGroups { get; }
}

/// <summary>The public feedback form: no account; the citizen leaves with a tracking code and a secret.</summary>
[EnableRateLimiting(RateLimits.PublicWrite)]
// Three files of 5 MB with the form around them; a bigger body is refused before it is read.
[RequestSizeLimit(AttachmentCheck.MaxFiles * AttachmentCheck.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentCheck.MaxFiles * AttachmentCheck.MaxBytes + 1024 * 1024)]
public sealed class FeedbackFormModel(AppDb db, FeedbackWorkflow workflow, IStringLocalizer<SharedResource> l) : PageModel, IFeedbackForm
{
    public const string SentKey = "cv.feedback.sent";

    [BindProperty]
    public FeedbackInput Input { get; set; } = new();

    /// <summary>Up to three photos or PDF documents.</summary>
    [BindProperty]
    public List<IFormFile> Attachments { get; set; } = [];

    public IReadOnlyList<FeedbackChoices.Choice> Fields { get; private set; } = [];

    public IReadOnlyList<UnitChoices.Group> UnitGroups { get; private set; } = [];

    public async Task OnGetAsync(string? donVi, string? linhVuc, CancellationToken ct)
    {
        Input.UnitCode = donVi;
        Input.FieldCode = linhVuc;
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (feedback, errors) = await Input.ValidateAsync(db, l, ct);
        var (attachments, attachmentError) = await AttachmentCheck.ReadAsync(Attachments, l, ct);
        if (attachmentError is not null)
        {
            errors["attachments"] = [attachmentError];
        }

        if (feedback is null || attachmentError is not null || !ModelState.IsValid)
        {
            AddErrors(ModelState, errors);
            await LoadChoicesAsync(ct);
            return Page();
        }

        var (item, secret) = await workflow.ReceiveAsync(feedback, FeedbackChannel.Web, null, null, ct, attachments);
        // Shown once on the next page, from the encrypted TempData cookie: a refresh does not send the form again.
        TempData[SentKey] = item.TrackingCode + "|" + secret;
        return Redirect("/phan-anh-kien-nghi/da-gui");
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Fields = await FeedbackChoices.FieldsAsync(db, ct);
        UnitGroups = await UnitChoices.ByDistrictAsync(db, ct);
    }

    /// <summary>The API's camelCase keys ("fieldCode") as the form's fields ("Input.FieldCode").</summary>
    public static void AddErrors(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, Dictionary<string, string[]> errors)
    {
        foreach (var (key, messages) in errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError("Input." + char.ToUpperInvariant(key[0]) + key[1..], message);
            }
        }
    }
}
