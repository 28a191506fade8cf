using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Feedback;

/// <summary>
/// Staff enter feedback that came by phone, email, letter or a reception point's comment box, with the day it was
/// received (the deadline counts from then). The citizen gets the same tracking code and secret, told to them by
/// phone or in the reply letter.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Administrator},{Roles.Leader},{Roles.Officer},{Roles.Moderator}")]
// Three files of 5 MB with the form around them; a bigger body is refused before it is read.
[RequestSizeLimit(AttachmentCheck.MaxFiles * AttachmentCheck.MaxBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = AttachmentCheck.MaxFiles * AttachmentCheck.MaxBytes + 1024 * 1024)]
public sealed class FeedbackEntryModel(
    AppDb db, FeedbackWorkflow workflow, UserManager<StaffUser> users, IStringLocalizer<SharedResource> l) : PageModel, IFeedbackForm
{
    [BindProperty]
    public FeedbackInput Input { get; set; } = new();

    /// <summary>Up to three photos or PDF documents.</summary>
    [BindProperty]
    public List<IFormFile> Attachments { get; set; } = [];

    [BindProperty]
    public FeedbackChannel Channel { get; set; } = FeedbackChannel.Phone;

    [BindProperty]
    public DateOnly? ReceivedOn { get; set; }

    public IReadOnlyList<FeedbackChoices.Choice> Fields { get; private set; } = [];

    public IReadOnlyList<UnitChoices.Group> UnitGroups { get; private set; } = [];

    /// <summary>The item just entered, with its secret, to tell the citizen.</summary>
    public (string Code, string Secret)? Entered { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        ReceivedOn = workflow.Today;
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

        FeedbackFormModel.AddErrors(ModelState, errors);
        if (Channel == FeedbackChannel.Web || !Enum.IsDefined(Channel))
        {
            ModelState.AddModelError(nameof(Channel), l["Vui lòng chọn kênh tiếp nhận."]);
        }

        if (ReceivedOn is not { } day || day > workflow.Today || day < workflow.Today.AddYears(-1))
        {
            ModelState.AddModelError(nameof(ReceivedOn), l["Ngày tiếp nhận phải trong vòng một năm qua và không sau hôm nay."]);
        }

        var user = await users.GetUserAsync(User);
        if (feedback is null || attachmentError is not null || !ModelState.IsValid || user is null)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }

        var (item, secret) = await workflow.ReceiveAsync(feedback, Channel, ReceivedOn, new StaffActor(user.Id, user.FullName, user.UnitId), ct, attachments);
        Entered = (item.TrackingCode, secret);
        // The next item of a batch keeps the channel and the day; the rest of the form starts empty.
        Input = new FeedbackInput();
        ModelState.Clear();
        await LoadChoicesAsync(ct);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Fields = await FeedbackChoices.FieldsAsync(db, ct);
        UnitGroups = await UnitChoices.ByDistrictAsync(db, ct);
    }
}
