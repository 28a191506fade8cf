using CitizenVoice.Infrastructure;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Feedback;

/// <summary>
/// One item for the unit that must answer it: its content, the citizen's contact, the timeline with who did what,
/// and the next steps the user may take. Officers accept, reject, forward, ask for more and draft the answer; a
/// leader's answer goes out at once, and a leader approves or returns the drafts of others.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Administrator},{Roles.Leader},{Roles.Officer},{Roles.Moderator}")]
public sealed class FeedbackDetailModel(
    AppDb db, UnitScope scope, FeedbackWorkflow workflow, AnswerPublishing publishing, UserManager<StaffUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record TimelineRow(DateTime At, FeedbackAction Action, string? Staff, string? Unit, string? PublicNote, string? InternalNote);

    public FeedbackItem Item { get; private set; } = null!;

    public string FieldName { get; private set; } = "";

    public string AssignedUnitName { get; private set; } = "";

    public (string? Name, string? Email, string? Phone) Contact { get; private set; }

    public IReadOnlyList<TimelineRow> Timeline { get; private set; } = [];

    public IReadOnlyList<UnitChoices.Group> UnitGroups { get; private set; } = [];

    public IReadOnlyList<(int Id, string FileName, int Length)> Files { get; private set; } = [];

    public bool IsLeader => User.IsInRole(Roles.Leader);

    /// <summary>Who reviews and publishes questions and answers: moderators, leaders and administrators of the unit's scope.</summary>
    public bool IsModerator => User.IsInRole(Roles.Moderator) || User.IsInRole(Roles.Leader) || User.IsInRole(Roles.Administrator);

    /// <summary>The public copy of the item on the "Hỏi đáp" page, once proposed.</summary>
    public QuestionAnswer? Publication { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>An attachment, to staff who may see the item, always as a download: a browser never runs it as a page.</summary>
    public async Task<IActionResult> OnGetFileAsync(int id, int fileId, CancellationToken ct)
    {
        var file = await db.FeedbackAttachments.AsNoTracking()
            .Where(a => a.Id == fileId && a.FeedbackItemId == id)
            .Select(a => new { a.FileName, a.ContentType, a.Content, Unit = db.FeedbackItems.Where(f => f.Id == id).Select(f => f.AssignedUnitId).First() })
            .FirstOrDefaultAsync(ct);
        if (file is null || !await scope.CoversAsync(User, file.Unit, ct))
        {
            return NotFound();
        }

        return File(file.Content, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostAcceptAsync(int id, CancellationToken ct) =>
        ActAsync(id, (item, actor) => workflow.AcceptAsync(item, actor, ct), l["Đã thụ lý."], ct);

    public Task<IActionResult> OnPostRejectAsync(int id, string? lyDo, CancellationToken ct) =>
        Required(lyDo, "lyDo", l["Vui lòng ghi lý do không tiếp nhận: người gửi sẽ đọc lý do này."], id, ct)
        ?? ActAsync(id, (item, actor) => workflow.RejectAsync(item, actor, lyDo!.Trim(), ct), l["Đã ghi nhận không tiếp nhận."], ct);

    public Task<IActionResult> OnPostAskAsync(int id, string? noiDung, CancellationToken ct) =>
        Required(noiDung, "noiDung", l["Vui lòng ghi thông tin cần người gửi bổ sung."], id, ct)
        ?? ActAsync(id, (item, actor) => workflow.RequestInformationAsync(item, actor, noiDung!.Trim(), ct), l["Đã đề nghị bổ sung; thời hạn tạm dừng đến khi người gửi trả lời."], ct);

    public Task<IActionResult> OnPostAnswerAsync(int id, string? traLoi, CancellationToken ct) =>
        Required(traLoi, "traLoi", l["Vui lòng viết câu trả lời."], id, ct)
        ?? ActAsync(id, (item, actor) => workflow.AnswerAsync(item, actor, traLoi!.Trim(), IsLeader, ct),
            workflow.Options.LeaderApprovesAnswers && !IsLeader ? l["Đã trình lãnh đạo duyệt câu trả lời."] : l["Đã trả lời người gửi."], ct);

    public async Task<IActionResult> OnPostForwardAsync(int id, string? donVi, string? ghiChu, CancellationToken ct)
    {
        var target = string.IsNullOrWhiteSpace(donVi) ? null
            : await db.Units.AsNoTracking().Active().Where(u => u.Code == donVi).Select(u => new { u.Id, u.Name }).FirstOrDefaultAsync(ct);
        if (target is null)
        {
            ModelState.AddModelError("donVi", l["Vui lòng chọn đơn vị có thẩm quyền."]);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        return await ActAsync(id, (item, actor) => item.AssignedUnitId == target.Id
            ? throw new FeedbackStepException(item.Status)
            : workflow.ForwardAsync(item, actor, target.Id, target.Name, string.IsNullOrWhiteSpace(ghiChu) ? null : ghiChu.Trim(), ct),
            l["Đã chuyển đến {0}.", target.Name], ct);
    }

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) =>
        IsLeader ? ActAsync(id, (item, actor) => workflow.ApproveAsync(item, actor, ct), l["Đã duyệt và gửi câu trả lời."], ct) : Task.FromResult<IActionResult>(Forbid());

    public Task<IActionResult> OnPostReturnAsync(int id, string? ghiChu, CancellationToken ct) =>
        !IsLeader ? Task.FromResult<IActionResult>(Forbid())
        : Required(ghiChu, "ghiChu", l["Vui lòng ghi điều cần sửa trong dự thảo."], id, ct)
        ?? ActAsync(id, (item, actor) => workflow.ReturnAnswerAsync(item, actor, ghiChu!.Trim(), ct), l["Đã trả lại dự thảo để sửa."], ct);

    public Task<IActionResult> OnPostProposeAsync(int id, CancellationToken ct) =>
        ActAsync(id, async (item, actor) =>
        {
            if (!item.PublishConsent)
            {
                ModelState.AddModelError("", l["Người gửi không đồng ý công khai: câu hỏi và câu trả lời này không được đăng."]);
                return;
            }

            await publishing.ProposeAsync(item, actor, ct);
        }, l["Đã đề xuất đăng lên trang Hỏi đáp; người điều phối sẽ xem lại nội dung công khai."], ct);

    public Task<IActionResult> OnPostSavePublicationAsync(int id, string? tieuDe, string? cauHoi, string? cauTraLoi, CancellationToken ct) =>
        ModerateAsync(id, tieuDe, cauHoi, cauTraLoi, (qa, item, _) => publishing.SaveAsync(qa, item, tieuDe!.Trim(), cauHoi!.Trim(), cauTraLoi!.Trim(), ct),
            l["Đã lưu nội dung công khai."], ct);

    public Task<IActionResult> OnPostPublishAsync(int id, string? tieuDe, string? cauHoi, string? cauTraLoi, CancellationToken ct) =>
        ModerateAsync(id, tieuDe, cauHoi, cauTraLoi, async (qa, item, actor) =>
        {
            await publishing.SaveAsync(qa, item, tieuDe!.Trim(), cauHoi!.Trim(), cauTraLoi!.Trim(), ct);
            await publishing.PublishAsync(qa, item, actor, ct);
        }, l["Đã đăng câu hỏi và trả lời lên trang Hỏi đáp."], ct);

    public Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken ct) =>
        ModerateAsync(id, null, null, null, (qa, item, actor) => publishing.WithdrawAsync(qa, item, actor, ct), l["Đã gỡ câu hỏi và trả lời khỏi trang Hỏi đáp."], ct);

    /// <summary>A moderator's step on the public copy: the texts (when given) must be there, the item in the user's scope.</summary>
    private async Task<IActionResult> ModerateAsync(
        int id, string? title, string? question, string? answer, Func<QuestionAnswer, FeedbackItem, StaffActor, Task> step, string done, CancellationToken ct)
    {
        if (!IsModerator)
        {
            return Forbid();
        }

        var withTexts = title is not null || question is not null || answer is not null;
        if (withTexts)
        {
            if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > FeedbackRules.SubjectMax)
            {
                ModelState.AddModelError("tieuDe", l["Vui lòng nhập tiêu đề công khai (tối đa {0} ký tự).", FeedbackRules.SubjectMax]);
            }

            if (string.IsNullOrWhiteSpace(question) || question.Trim().Length > FeedbackRules.ContentMax)
            {
                ModelState.AddModelError("cauHoi", l["Vui lòng nhập câu hỏi công khai."]);
            }

            if (string.IsNullOrWhiteSpace(answer) || answer.Trim().Length > FeedbackRules.ContentMax)
            {
                ModelState.AddModelError("cauTraLoi", l["Vui lòng nhập câu trả lời công khai."]);
            }
        }

        var item = await db.FeedbackItems.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (item is null || !await scope.CoversAsync(User, item.AssignedUnitId, ct))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return await ReloadAsync(id, ct);
        }

        var qa = await db.QuestionAnswers.FirstOrDefaultAsync(q => q.FeedbackItemId == id, ct);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Forbid();
        }

        try
        {
            if (qa is null)
            {
                throw new FeedbackStepException(item.Status);
            }

            await step(qa, item, new StaffActor(user.Id, user.FullName, user.UnitId));
            Message = done;
        }
        catch (FeedbackStepException)
        {
            ModelState.AddModelError("", l["Việc này không còn làm được ở trạng thái hiện tại (có thể người khác vừa xử lý). Trang đã được tải lại."]);
        }

        return await ReloadAsync(id, ct);
    }

    private Task<IActionResult>? Required(string? text, string key, string message, int id, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(text) && text.Trim().Length <= FeedbackRules.ContentMax)
        {
            return null;
        }

        ModelState.AddModelError(key, message);
        return ReloadAsync(id, ct);
    }

    private async Task<IActionResult> ReloadAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<IActionResult> ActAsync(int id, Func<FeedbackItem, StaffActor, Task> step, string done, CancellationToken ct)
    {
        var item = await db.FeedbackItems.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (item is null || !await scope.CoversAsync(User, item.AssignedUnitId, ct))
        {
            return NotFound();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Forbid();
        }

        try
        {
            await step(item, new StaffActor(user.Id, user.FullName, user.UnitId));
            Message = ModelState.IsValid ? done : null;
        }
        catch (FeedbackStepException)
        {
            ModelState.AddModelError("", l["Việc này không còn làm được ở trạng thái hiện tại (có thể người khác vừa xử lý). Trang đã được tải lại."]);
        }

        // The item may have moved out of the user's scope (forwarded): then back to the list, with the outcome said there.
        return await scope.CoversAsync(User, item.AssignedUnitId, ct) ? await ReloadAsync(id, ct) : Redirect("/quan-tri/phan-anh-kien-nghi");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var item = await db.FeedbackItems.AsNoTracking().Include(f => f.Field).Include(f => f.AssignedUnit)
            .FirstOrDefaultAsync(f => f.Id == id, ct);
        if (item is null || !await scope.CoversAsync(User, item.AssignedUnitId, ct))
        {
            return false;
        }

        Item = item;
        FieldName = LocalName.Of(item.Field!.Name, item.Field.NameEn);
        AssignedUnitName = LocalName.Of(item.AssignedUnit!.Name, item.AssignedUnit.NameEn);
        Contact = (workflow.Unprotect(item.NameProtected), workflow.Unprotect(item.EmailProtected), workflow.Unprotect(item.PhoneProtected));
        Timeline = await db.FeedbackEvents.AsNoTracking().Where(e => e.FeedbackItemId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new TimelineRow(e.At, e.Action, e.StaffName, e.Unit == null ? null : LocalName.Of(e.Unit.Name, e.Unit.NameEn), e.PublicNote, e.InternalNote)).ToListAsync(ct);
        UnitGroups = await UnitChoices.ByDistrictAsync(db, ct);
        Publication = await db.QuestionAnswers.AsNoTracking().FirstOrDefaultAsync(q => q.FeedbackItemId == id, ct);
        Files = (await db.FeedbackAttachments.AsNoTracking().Where(a => a.FeedbackItemId == id).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.FileName, a.Length }).ToListAsync(ct)).Select(a => (a.Id, a.FileName, a.Length)).ToList();
        return true;
    }
}
