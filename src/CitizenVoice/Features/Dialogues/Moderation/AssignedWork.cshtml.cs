using System.Security.Claims;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// "Việc được giao": the questions given to the user's unit (or the units under it) to answer in writing, by due
/// date so the overdue ones come first. Officers draft; a leader of the unit approves, which publishes the answer with
/// the question (and pushes it to the live room), or sends the draft back with a reason. An assignment outside the
/// user's unit scope does not exist for them (404), whatever its id.
/// </summary>
/// Administrators may open the list to oversee it (their scope is the whole province) but neither draft nor approve.
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Officer},{Roles.Leader},{Roles.Administrator}")]
public sealed class AssignedWorkModel(AppDb db, UnitScope scope, LiveRoom live, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxAnswerLength = 8000;

    public sealed record Row(
        int Id, int OpinionId, int SessionId, string SessionTitle, string Question, string UnitName, string? AssigneeId, string? AssigneeName,
        DateOnly DueOn, AnswerAssignmentStatus Status, string? Draft, string? DraftedBy, string? ReturnReason, int DaysOverdue);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool IsLeader => User.IsInRole(Roles.Leader);
    public bool CanDraft => User.IsInRole(Roles.Officer) || IsLeader;
    public string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    [TempData]
    public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var path = await scope.PathOfAsync(User, ct) ?? "-";
        var today = VietnamTime.Today(clock);
        var rows = await db.AnswerAssignments.AsNoTracking()
            .Where(a => a.Status != AnswerAssignmentStatus.Published && a.Unit!.Path.StartsWith(path))
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.OpinionId, a.SessionId, SessionTitle = a.Session!.Title, a.Opinion!.Text, UnitName = LocalName.Of(a.Unit!.Name, a.Unit.NameEn),
                a.AssigneeId, a.AssigneeName, a.DueOn, a.Status, a.Draft, a.DraftedBy, a.ReturnReason })
            .ToListAsync(ct);
        // Sorted by due date, an overdue assignment is always above one still in time: the list reads "most urgent first".
        Rows = rows.Select(a => new Row(a.Id, a.OpinionId, a.SessionId, a.SessionTitle, a.Text, a.UnitName, a.AssigneeId, a.AssigneeName, a.DueOn,
            a.Status, a.Draft, a.DraftedBy, a.ReturnReason, Math.Max(0, today.DayNumber - a.DueOn.DayNumber))).ToList();
    }

    /// <summary>An officer (or leader) of the unit writes or rewrites the answer; it then waits for a leader.</summary>
    public async Task<IActionResult> OnPostDraftAsync(int assignmentId, string? answer, CancellationToken ct)
    {
        if (await InScopeAsync(assignmentId, ct) is not { } assignment)
        {
            return NotFound();
        }

        if (!CanDraft)
        {
            return Forbid();
        }

        if (assignment.Status == AnswerAssignmentStatus.Published)
        {
            Error = l["Câu trả lời đã được công bố."];
            return Back(assignment.Id);
        }

        var text = answer?.Trim() ?? "";
        if (text.Length is 0 or > MaxAnswerLength)
        {
            Error = l["Vui lòng nhập nội dung trả lời (tối đa {0} ký tự).", MaxAnswerLength];
            return Back(assignment.Id);
        }

        assignment.Draft = text;
        assignment.DraftedBy = FullName;
        assignment.DraftedAt = clock.GetUtcNow().UtcDateTime;
        assignment.Status = AnswerAssignmentStatus.AwaitingApproval;
        await db.SaveChangesAsync(ct);
        return Done(l["Đã gửi dự thảo trả lời để lãnh đạo duyệt."], assignment.Id);
    }

    /// <summary>A leader of the unit publishes the draft as the question's written answer.</summary>
    public async Task<IActionResult> OnPostApproveAsync(int assignmentId, CancellationToken ct)
    {
        if (await InScopeAsync(assignmentId, ct) is not { } assignment)
        {
            return NotFound();
        }

        if (!IsLeader)
        {
            return Forbid();
        }

        if (assignment.Status != AnswerAssignmentStatus.AwaitingApproval || assignment.Draft is null)
        {
            Error = l["Chưa có dự thảo chờ duyệt."];
            return Back(assignment.Id);
        }

        var opinion = await db.Opinions.SingleAsync(o => o.Id == assignment.OpinionId, ct);
        // A question merged away or withdrawn since it was given out has no public place for an answer.
        if (opinion.Status is not (OpinionStatus.Approved or OpinionStatus.Answered))
        {
            Error = l["Câu hỏi không còn được đăng công khai; không thể công bố câu trả lời."];
            return Back(assignment.Id);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        opinion.Answer = assignment.Draft;
        opinion.AnswerTiming = AnswerTiming.Later;
        // The public page names the answering unit when no person is named: the answer is the unit's, approved by its leader.
        opinion.AnsweredBy = null;
        opinion.AnsweringUnitId = assignment.UnitId;
        opinion.AnsweredAt = now;
        opinion.Status = OpinionStatus.Answered;
        assignment.Status = AnswerAssignmentStatus.Published;
        assignment.ReviewedBy = FullName;
        assignment.ReviewedAt = now;
        assignment.ReturnReason = null;
        await db.SaveChangesAsync(ct);
        await live.AnsweredAsync(opinion);
        return Done(l["Đã duyệt và công bố câu trả lời."], null);
    }

    /// <summary>A leader sends the draft back to the officers with what to change.</summary>
    public async Task<IActionResult> OnPostReturnAsync(int assignmentId, string? reason, CancellationToken ct)
    {
        if (await InScopeAsync(assignmentId, ct) is not { } assignment)
        {
            return NotFound();
        }

        if (!IsLeader)
        {
            return Forbid();
        }

        var why = reason?.Trim() ?? "";
        if (why.Length is 0 or > 2000)
        {
            Error = l["Vui lòng ghi lý do trả lại (tối đa 2000 ký tự)."];
            return Back(assignment.Id);
        }

        if (assignment.Status != AnswerAssignmentStatus.AwaitingApproval)
        {
            Error = l["Chưa có dự thảo chờ duyệt."];
            return Back(assignment.Id);
        }

        assignment.Status = AnswerAssignmentStatus.Returned;
        assignment.ReturnReason = why;
        assignment.ReviewedBy = FullName;
        assignment.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Done(l["Đã trả lại dự thảo để sửa."], assignment.Id);
    }

    private string FullName => User.FindFirstValue(ClaimTypes.GivenName) ?? User.Identity?.Name ?? "?";

    private async Task<AnswerAssignment?> InScopeAsync(int assignmentId, CancellationToken ct)
    {
        var assignment = await db.AnswerAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId, ct);
        return assignment is not null && await scope.CoversAsync(User, assignment.UnitId, ct) ? assignment : null;
    }

    private RedirectResult Done(string message, int? id)
    {
        TempData["Message"] = message;
        return Back(id);
    }

    private RedirectResult Back(int? id) => Redirect(AnswerWork.Path + (id is { } i ? $"#giao-{i}" : ""));
}
