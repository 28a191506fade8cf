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
/// The secretary's console for one session: types spoken and paper opinions into the register, approves, rejects
/// with a reason, merges duplicates (their supports carried over), corrects spelling keeping the original,
/// records answers and commitments. Every change goes through SaveChanges, so the audit log records it.
/// </summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Moderator},{Roles.Leader},{Roles.Administrator}")]
public sealed class ModerationConsoleModel(
    AppDb db, DialogueAccess access, LiveRoom live, AnswerWork work, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    // Other opinions a change touched (the target of a merge), refreshed in the live room after saving.
    private readonly List<Opinion> _touched = [];

    public sealed record Option(int Id, string Name);

    public sealed record CommitmentRow(int Id, string What, string UnitName, DateOnly DueOn, CommitmentStatus Status, string? Evidence, bool Overdue);

    public sealed record Official(string Id, string Name);

    /// <summary>Who answers a question in writing, by when, and how far they are (<see cref="AnswerAssignment"/>).</summary>
    public sealed record AssignmentRow(int Id, int UnitId, string UnitName, string? AssigneeName, DateOnly DueOn, AnswerAssignmentStatus Status, bool Overdue);

    public sealed record OpinionRow(
        int Id, OpinionChannel Channel, string? FieldCode, string? AuthorName, bool HasContact, string Text, string? OriginalText,
        OpinionStatus Status, RejectionReason? RejectionReason, int? MergedIntoId, int Supports, string? Answer,
        AnswerTiming? AnswerTiming, string? AnsweredBy, int? AnsweringUnitId, DateTime ReceivedAt, List<CommitmentRow> Commitments);

    [FromRoute]
    public int Id { get; set; }

    public string Title { get; private set; } = "";
    public DialogueStatus Status { get; private set; }
    public IReadOnlyList<OpinionRow> Opinions { get; private set; } = [];
    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Fields { get; private set; } = new Dictionary<string, string>();
    public int? CurrentOpinionId { get; private set; }
    public IReadOnlyDictionary<int, AssignmentRow> Assignments { get; private set; } = new Dictionary<int, AssignmentRow>();
    /// <summary>Officers and leaders of the units in scope, whom the moderator may name on an assignment.</summary>
    public IReadOnlyList<Official> Officials { get; private set; } = [];

    [TempData]
    public string? Error { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var session = await db.DialogueSessions.AsNoTracking().Where(s => s.Id == Id)
            .Select(s => new { s.Title, s.Status, s.HostUnitId, s.CurrentOpinionId }).SingleOrDefaultAsync(ct);
        if (session is null)
        {
            return NotFound();
        }

        if (!await access.CanRunAsync(User, session.HostUnitId, ct))
        {
            return Forbid();
        }

        (Title, Status, CurrentOpinionId) = (session.Title, session.Status, session.CurrentOpinionId);
        var today = VietnamTime.Today(clock);
        Opinions = await db.Opinions.AsNoTracking().Where(o => o.SessionId == Id).OrderBy(o => o.ReceivedAt)
            .Select(o => new OpinionRow(
                o.Id, o.Channel, o.FieldCode, o.AuthorName, o.ProtectedContact != null, o.Text, o.OriginalText, o.Status, o.RejectionReason,
                o.MergedIntoId, o.Supports, o.Answer, o.AnswerTiming, o.AnsweredBy, o.AnsweringUnitId, o.ReceivedAt,
                o.Commitments.OrderBy(c => c.DueOn).Select(c => new CommitmentRow(
                    c.Id, c.What, LocalName.Of(c.ResponsibleUnit!.Name, c.ResponsibleUnit.NameEn), c.DueOn, c.Status, c.Evidence,
                    (c.Status == CommitmentStatus.Open || c.Status == CommitmentStatus.InProgress) && c.DueOn < today)).ToList()))
            .ToListAsync(ct);
        var scope = await access.ScopePathAsync(User, ct) ?? "-";
        var units = await db.Units.AsNoTracking().Active().Where(u => u.Path.StartsWith(scope))
            .Select(u => new { u.Id, Name = LocalName.Of(u.Name, u.NameEn), u.Path }).ToListAsync(ct);
        Units = units.OrderBy(u => u.Path, StringComparer.Ordinal).Select(u => new Option(u.Id, u.Name)).ToList();
        Fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).ToDictionaryAsync(f => f.Code, f => LocalName.Of(f.Name, f.NameEn), ct);
        Assignments = (await db.AnswerAssignments.AsNoTracking().Where(a => a.SessionId == Id)
            .Select(a => new { a.OpinionId, Row = new AssignmentRow(a.Id, a.UnitId, LocalName.Of(a.Unit!.Name, a.Unit.NameEn), a.AssigneeName, a.DueOn, a.Status,
                a.Status != AnswerAssignmentStatus.Published && a.DueOn < today) })
            .ToListAsync(ct)).ToDictionary(a => a.OpinionId, a => a.Row);
        Officials = await OfficialsAsync(scope, ct);
        return Page();
    }

    private async Task<List<Official>> OfficialsAsync(string scopePath, CancellationToken ct)
    {
        var roleIds = db.Roles.Where(r => r.Name == Roles.Officer || r.Name == Roles.Leader).Select(r => r.Id);
        var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Unit!.Path.StartsWith(scopePath))
            .Select(u => new { u.Id, u.FullName, UnitName = LocalName.Of(u.Unit!.Name, u.Unit.NameEn), u.LockoutEnd }).ToListAsync(ct);
        var farFuture = DateTimeOffset.UtcNow.AddYears(50);
        return people.Where(p => !(p.LockoutEnd is { } end && end > farFuture))
            .OrderBy(p => p.UnitName, StringComparer.Ordinal).ThenBy(p => p.FullName, StringComparer.Ordinal)
            .Select(p => new Official(p.Id, $"{p.FullName} – {p.UnitName}")).ToList();
    }

    /// <summary>
    /// Gives a published question to a unit (and, optionally, one of its officials) to answer in writing by a date.
    /// Giving it again moves it: to another unit it starts over; a draft already written stays for the new date.
    /// </summary>
    public async Task<IActionResult> OnPostAssignAsync(int opinionId, int unitId, string? assigneeId, DateOnly? dueOn, CancellationToken ct)
    {
        var opinion = await db.Opinions.Include(o => o.Session).SingleOrDefaultAsync(o => o.Id == opinionId && o.SessionId == Id, ct);
        if (opinion is null)
        {
            return NotFound();
        }

        if (!await access.CanRunAsync(User, opinion.Session!.HostUnitId, ct))
        {
            return Forbid();
        }

        if (opinion.Status is not (OpinionStatus.Approved or OpinionStatus.Answered))
        {
            Error = l["Chỉ giao trả lời câu hỏi đã được đăng."];
            return Back(opinionId);
        }

        if (dueOn is null || dueOn.Value < VietnamTime.Today(clock))
        {
            Error = l["Vui lòng chọn hạn trả lời từ hôm nay trở đi."];
            return Back(opinionId);
        }

        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId && u.ValidTo == null && u.SuccessorId == null)
            .Select(u => new { u.Id, u.Name, u.Path }).SingleOrDefaultAsync(ct);
        if (unit is null || !await access.CanRunAsync(User, unit.Id, ct))
        {
            Error = l["Vui lòng chọn đơn vị trong phạm vi quản lý của bạn."];
            return Back(opinionId);
        }

        string? assigneeName = null;
        if (!string.IsNullOrEmpty(assigneeId))
        {
            // The official must belong to the unit (or one under it), or the work list would never show them the question.
            assigneeName = await db.Users.Where(u => u.Id == assigneeId && u.Unit!.Path.StartsWith(unit.Path)).Select(u => u.FullName).SingleOrDefaultAsync(ct);
            if (assigneeName is null)
            {
                Error = l["Cán bộ được giao phải thuộc đơn vị được giao."];
                return Back(opinionId);
            }
        }

        var assignment = await db.AnswerAssignments.SingleOrDefaultAsync(a => a.OpinionId == opinion.Id, ct);
        if (assignment?.Status == AnswerAssignmentStatus.Published)
        {
            Error = l["Câu trả lời bằng văn bản đã được công bố."];
            return Back(opinionId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var by = User.FindFirstValue(ClaimTypes.GivenName) ?? User.Identity?.Name ?? "?";
        if (assignment is null)
        {
            assignment = new AnswerAssignment { OpinionId = opinion.Id, SessionId = opinion.SessionId, AssignedBy = by };
            db.AnswerAssignments.Add(assignment);
        }
        else if (assignment.UnitId != unit.Id)
        {
            // Another unit starts from nothing: the old unit's draft and the leader's remarks were about its own answer.
            assignment.Status = AnswerAssignmentStatus.Assigned;
            assignment.Draft = null;
            assignment.DraftedBy = null;
            assignment.DraftedAt = null;
            assignment.ReturnReason = null;
        }

        assignment.UnitId = unit.Id;
        assignment.AssigneeId = string.IsNullOrEmpty(assigneeId) ? null : assigneeId;
        assignment.AssigneeName = assigneeName;
        assignment.DueOn = dueOn.Value;
        assignment.AssignedBy = by;
        assignment.AssignedAt = now;
        await db.SaveChangesAsync(ct);
        await work.NotifyAssignedAsync(assignment, opinion.Text, opinion.Session.Title, unit.Name, ct);
        return Done(l["Đã giao {0} trả lời, hạn {1}.", unit.Name, dueOn.Value.ToString("d")], opinionId);
    }

    /// <summary>The secretary types an opinion spoken at the venue, written on paper or taken by phone.</summary>
    public async Task<IActionResult> OnPostRecordAsync(OpinionChannel channel, string? fieldCode, string? authorName, string? text, CancellationToken ct)
    {
        if (await SessionAsync(ct) is not { } session)
        {
            return NotFound();
        }

        if (!await access.CanRunAsync(User, session.HostUnitId, ct))
        {
            return Forbid();
        }

        var errors = await Questions.ValidateAsync(new QuestionInput(text, fieldCode, authorName, null, null), db, l, ct);
        if (errors.Count > 0)
        {
            Error = string.Join(" ", errors.Values.SelectMany(e => e));
            return Back();
        }

        var recorded = new Opinion
        {
            SessionId = session.Id, Channel = channel, FieldCode = string.IsNullOrWhiteSpace(fieldCode) ? null : fieldCode,
            AuthorName = string.IsNullOrWhiteSpace(authorName) ? null : authorName.Trim(), Text = text!.Trim(),
            // Said aloud in the hall or handed in on paper: it is already public, so it enters the register approved.
            Status = OpinionStatus.Approved, ReceivedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Opinions.Add(recorded);
        await db.SaveChangesAsync(ct);
        await live.QuestionPublishedAsync(recorded);
        return Done(l["Đã ghi ý kiến vào sổ."]);
    }

    public Task<IActionResult> OnPostApproveAsync(int opinionId, CancellationToken ct) => WithOpinionAsync(opinionId, opinion =>
    {
        if (opinion.Status is not (OpinionStatus.Pending or OpinionStatus.Rejected))
        {
            return Task.FromResult<string?>(null);
        }

        opinion.Status = OpinionStatus.Approved;
        opinion.RejectionReason = null;
        return Task.FromResult<string?>(l["Đã duyệt ý kiến."]);
    }, ct);

    public Task<IActionResult> OnPostRejectAsync(int opinionId, RejectionReason? reason, CancellationToken ct) => WithOpinionAsync(opinionId, opinion =>
    {
        if (reason is null || !Enum.IsDefined(reason.Value))
        {
            Error = l["Vui lòng chọn lý do không đăng."];
            return Task.FromResult<string?>(null);
        }

        opinion.Status = OpinionStatus.Rejected;
        opinion.RejectionReason = reason;
        return Task.FromResult<string?>(l["Đã không đăng ý kiến, lý do: {0}.", l[DialogueText.Rejection(reason.Value)]]);
    }, ct);

    /// <summary>Merges a duplicate into another opinion: its supports (one per browser) and its own duplicates move to the target.</summary>
    public Task<IActionResult> OnPostMergeAsync(int opinionId, int targetId, CancellationToken ct) => WithOpinionAsync(opinionId, async opinion =>
    {
        var target = await db.Opinions.SingleOrDefaultAsync(o => o.Id == targetId && o.SessionId == opinion.SessionId && o.Id != opinion.Id
            && o.Status != OpinionStatus.Merged && o.Status != OpinionStatus.Rejected, ct);
        if (target is null)
        {
            Error = l["Vui lòng chọn ý kiến để gộp vào."];
            return null;
        }

        var targetVoters = await db.OpinionSupports.Where(s => s.OpinionId == target.Id).Select(s => s.VoterHash).ToListAsync(ct);
        var moving = await db.OpinionSupports.Where(s => s.OpinionId == opinion.Id).ToListAsync(ct);
        var carried = 0;
        foreach (var support in moving)
        {
            if (targetVoters.Contains(support.VoterHash))
            {
                db.OpinionSupports.Remove(support);
            }
            else
            {
                support.OpinionId = target.Id;
                carried++;
            }
        }

        // Supports counted before the register kept per-browser rows (the demo figures) carry over as numbers.
        carried += Math.Max(0, opinion.Supports - moving.Count);
        target.Supports += carried;
        if (target.Status == OpinionStatus.Pending)
        {
            target.Status = OpinionStatus.Approved;
        }

        foreach (var child in await db.Opinions.Where(o => o.MergedIntoId == opinion.Id).ToListAsync(ct))
        {
            child.MergedIntoId = target.Id;
        }

        _touched.Add(target);
        opinion.Status = OpinionStatus.Merged;
        opinion.MergedIntoId = target.Id;
        opinion.Supports = 0;
        return l["Đã gộp ý kiến; {0} lượt ủng hộ được chuyển sang.", carried].Value;
    }, ct);

    public Task<IActionResult> OnPostEditAsync(int opinionId, string? text, CancellationToken ct) => WithOpinionAsync(opinionId, async opinion =>
    {
        var errors = await Questions.ValidateAsync(new QuestionInput(text, null, null, null, null), db, l, ct);
        if (errors.Count > 0)
        {
            Error = string.Join(" ", errors.Values.SelectMany(e => e));
            return null;
        }

        // The first version is what the citizen wrote; later corrections do not overwrite it.
        opinion.OriginalText ??= opinion.Text;
        opinion.Text = text!.Trim();
        return l["Đã sửa nội dung; bản gốc được lưu lại."].Value;
    }, ct);

    public Task<IActionResult> OnPostAnswerAsync(int opinionId, string? answer, AnswerTiming timing, string? answeredBy, int? unitId, CancellationToken ct) =>
        WithOpinionAsync(opinionId, async opinion =>
        {
            if (string.IsNullOrWhiteSpace(answer))
            {
                Error = l["Vui lòng nhập nội dung trả lời."];
                return null;
            }

            if (opinion.Status is OpinionStatus.Merged or OpinionStatus.Rejected)
            {
                return null;
            }

            if (unitId is { } u && !await access.CanRunAsync(User, u, ct))
            {
                Error = l["Vui lòng chọn đơn vị trong phạm vi quản lý của bạn."];
                return null;
            }

            opinion.Answer = answer.Trim();
            opinion.AnswerTiming = timing == AnswerTiming.Later ? AnswerTiming.Later : AnswerTiming.OnTheSpot;
            opinion.AnsweredBy = string.IsNullOrWhiteSpace(answeredBy) ? null : answeredBy.Trim();
            opinion.AnsweringUnitId = unitId;
            opinion.AnsweredAt = clock.GetUtcNow().UtcDateTime;
            opinion.Status = OpinionStatus.Answered;
            return l["Đã lưu câu trả lời."].Value;
        }, ct);

    public Task<IActionResult> OnPostCommitAsync(int opinionId, string? what, int unitId, DateOnly? dueOn, CancellationToken ct) =>
        WithOpinionAsync(opinionId, async opinion =>
        {
            if (string.IsNullOrWhiteSpace(what) || dueOn is null)
            {
                Error = l["Vui lòng nhập nội dung cam kết và thời hạn."];
                return null;
            }

            // A deadline already gone would publish the commitment as overdue the moment it is made.
            if (dueOn.Value < VietnamTime.Today(clock))
            {
                Error = l["Thời hạn cam kết không được trước ngày hôm nay."];
                return null;
            }

            if (!await access.CanRunAsync(User, unitId, ct))
            {
                Error = l["Vui lòng chọn đơn vị trong phạm vi quản lý của bạn."];
                return null;
            }

            db.Commitments.Add(new Commitment
            {
                OpinionId = opinion.Id, SessionId = opinion.SessionId, What = what.Trim(), ResponsibleUnitId = unitId,
                DueOn = dueOn.Value, Status = CommitmentStatus.Open,
            });
            return l["Đã ghi cam kết."].Value;
        }, ct);

    public async Task<IActionResult> OnPostUpdateCommitmentAsync(int commitmentId, CommitmentStatus status, string? evidence, CancellationToken ct)
    {
        var commitment = await db.Commitments.Include(c => c.Session).SingleOrDefaultAsync(c => c.Id == commitmentId && c.SessionId == Id, ct);
        if (commitment is null)
        {
            return NotFound();
        }

        if (!await access.CanRunAsync(User, commitment.Session!.HostUnitId, ct))
        {
            return Forbid();
        }

        if (status is CommitmentStatus.Done or CommitmentStatus.Transferred && string.IsNullOrWhiteSpace(evidence))
        {
            Error = l["Vui lòng ghi kết quả (bằng chứng) hoặc nơi chuyển đến."];
            return Back();
        }

        commitment.Status = status;
        commitment.Evidence = string.IsNullOrWhiteSpace(evidence) ? commitment.Evidence : evidence.Trim();
        commitment.DoneOn = status == CommitmentStatus.Done ? VietnamTime.Today(clock) : null;
        commitment.ClosedAt = status is CommitmentStatus.Done or CommitmentStatus.Transferred ? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
        return Done(l["Đã cập nhật cam kết."]);
    }

    /// <summary>Puts a published question on the live room's screen (or clears it with opinionId 0).</summary>
    public async Task<IActionResult> OnPostSetCurrentAsync(int opinionId, CancellationToken ct)
    {
        if (await SessionAsync(ct) is not { } session)
        {
            return NotFound();
        }

        if (!await access.CanRunAsync(User, session.HostUnitId, ct))
        {
            return Forbid();
        }

        var opinion = await db.Opinions.SingleOrDefaultAsync(o => o.Id == opinionId && o.SessionId == session.Id
            && (o.Status == OpinionStatus.Approved || o.Status == OpinionStatus.Answered), ct);
        session.CurrentOpinionId = opinion?.Id;
        await db.SaveChangesAsync(ct);
        await live.CurrentAsync(session.Id, opinion);
        return Done(opinion is null ? l["Đã bỏ câu hỏi trên màn hình trực tiếp."] : l["Đã đưa câu hỏi lên màn hình trực tiếp."], opinion?.Id);
    }

    private Task<DialogueSession?> SessionAsync(CancellationToken ct) => db.DialogueSessions.SingleOrDefaultAsync(s => s.Id == Id, ct);

    private async Task<IActionResult> WithOpinionAsync(int opinionId, Func<Opinion, Task<string?>> change, CancellationToken ct)
    {
        var opinion = await db.Opinions.Include(o => o.Session).SingleOrDefaultAsync(o => o.Id == opinionId && o.SessionId == Id, ct);
        if (opinion is null)
        {
            return NotFound();
        }

        if (!await access.CanRunAsync(User, opinion.Session!.HostUnitId, ct))
        {
            return Forbid();
        }

        var message = await change(opinion);
        if (message is null)
        {
            return Back(opinionId);
        }

        await db.SaveChangesAsync(ct);
        foreach (var changed in _touched.Prepend(opinion))
        {
            await (changed.Status switch
            {
                OpinionStatus.Answered => live.AnsweredAsync(changed),
                OpinionStatus.Approved => live.QuestionPublishedAsync(changed),
                OpinionStatus.Rejected or OpinionStatus.Merged => live.QuestionWithdrawnAsync(changed),
                _ => Task.CompletedTask,
            });
        }

        return Done(message, opinionId);
    }

    private RedirectResult Done(string message, int? opinionId = null)
    {
        TempData["Message"] = message;
        return Back(opinionId);
    }

    private RedirectResult Back(int? opinionId = null) =>
        Redirect($"/quan-tri/doi-thoai/{Id}/dieu-phoi" + (opinionId is { } o ? $"#y-kien-{o}" : ""));
}
