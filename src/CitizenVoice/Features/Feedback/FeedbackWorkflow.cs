using CitizenVoice.Data;
using CitizenVoice.Features.Calendar;
using CitizenVoice.Infrastructure;
using CitizenVoice.Features.Shared;
using CitizenVoice.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Feedback;

/// <summary>What a citizen (or staff, for what came by phone or letter) sends; already validated.</summary>
public sealed record NewFeedback(
    FeedbackKind Kind, int FieldId, int UnitId, string Subject, string Content, string? Name, string? Email, string? Phone,
    bool PublishConsent);

/// <summary>The staff member acting on an item, as the timeline records them.</summary>
public sealed record StaffActor(string UserId, string Name, int UnitId);

/// <summary>
/// Every step of an item's way, in one place: each changes the status and the deadline, adds a timeline entry (the
/// audit log records the change too) and tells the citizen by email when they left an address.
/// </summary>
public sealed class FeedbackWorkflow(
    AppDb db, WorkingCalendar calendar, TimeProvider clock, IDataProtectionProvider protection, IOptions<FeedbackOptions> options,
    Mailer mailer, SiteAddress site)
{
    private readonly IDataProtector _protector = protection.CreateProtector("CitizenVoice.Feedback.Contact.v1");

    public FeedbackOptions Options => options.Value;

    public DateOnly Today => VietnamTime.Today(clock);

    public string Protect(string text) => _protector.Protect(text);

    public string? Unprotect(string? protectedText) => protectedText is null ? null : _protector.Unprotect(protectedText);

    /// <summary>Stores a new item; returns it with the secret, which is shown once and kept only as a hash.</summary>
    public async Task<(FeedbackItem Item, string Secret)> ReceiveAsync(
        NewFeedback input, FeedbackChannel channel, DateOnly? receivedOn, StaffActor? enteredBy, CancellationToken ct,
        IReadOnlyList<FeedbackAttachment>? attachments = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var day = receivedOn ?? Today;
        var secret = TrackingCodes.NewSecret();
        var item = new FeedbackItem
        {
            TrackingCode = await NewTrackingCodeAsync(day.Year, ct),
            SecretHash = "",
            Kind = input.Kind,
            Channel = channel,
            FieldId = input.FieldId,
            ReceivingUnitId = input.UnitId,
            AssignedUnitId = input.UnitId,
            Subject = input.Subject,
            Content = input.Content,
            NameProtected = input.Name is null ? null : Protect(input.Name),
            EmailProtected = input.Email is null ? null : Protect(input.Email),
            PhoneProtected = input.Phone is null ? null : Protect(input.Phone),
            PublishConsent = input.PublishConsent,
            ReceivedAt = now,
            ReceivedOn = day,
            Status = FeedbackStatus.Received,
            DueOn = await calendar.AddWorkingDaysAsync(day, Options.DecideDays, ct),
        };
        item.SecretHash = TrackingCodes.HashSecret(item.TrackingCode, secret);
        item.Attachments.AddRange(attachments ?? []);
        item.Events.Add(new FeedbackEvent
        {
            At = now, Action = FeedbackAction.Received, UnitId = input.UnitId, StaffUserId = enteredBy?.UserId, StaffName = enteredBy?.Name,
            InternalNote = enteredBy is null ? null : FeedbackRules.ChannelName(channel),
        });
        db.FeedbackItems.Add(item);
        await db.SaveChangesAsync(ct);
        await NotifyAsync(item, $"Cơ quan đã tiếp nhận {FeedbackRules.KindName(item.Kind).ToLowerInvariant()} của bạn. Mã theo dõi: {item.TrackingCode}.", ct);
        return (item, secret);
    }

    public bool SecretMatches(FeedbackItem item, string? secret) => TrackingCodes.SecretMatches(item.TrackingCode, item.SecretHash, secret);

    public async Task AcceptAsync(FeedbackItem item, StaffActor actor, CancellationToken ct)
    {
        Require(item, FeedbackStatus.Received);
        item.Status = FeedbackStatus.InProgress;
        item.DueOn = await calendar.AddWorkingDaysAsync(Today, Options.AnswerDaysFor(item.Kind), ct);
        await StepAsync(item, FeedbackAction.Accepted, actor, $"Đơn vị đã thụ lý, hạn trả lời {item.DueOn:dd/MM/yyyy}.", null, ct);
    }

    public async Task RejectAsync(FeedbackItem item, StaffActor actor, string reason, CancellationToken ct)
    {
        Require(item, FeedbackStatus.Received);
        item.Status = FeedbackStatus.Rejected;
        item.RejectionReason = reason;
        item.DueOn = null;
        item.ClosedAt = clock.GetUtcNow().UtcDateTime;
        await StepAsync(item, FeedbackAction.Rejected, actor, reason, null, ct);
    }

    public async Task ForwardAsync(FeedbackItem item, StaffActor actor, int toUnitId, string toUnitName, string? note, CancellationToken ct)
    {
        Require(item, FeedbackStatus.Received, FeedbackStatus.InProgress);
        item.AssignedUnitId = toUnitId;
        item.Status = FeedbackStatus.Received;
        item.DueOn = await calendar.AddWorkingDaysAsync(Today, Options.DecideDays, ct);
        await StepAsync(item, FeedbackAction.Forwarded, actor, $"Chuyển đến {toUnitName} là đơn vị có thẩm quyền giải quyết.", note, ct, toUnitId);
    }

    /// <summary>Asks the citizen for more; the working days left are kept and the clock stops until they answer.</summary>
    public async Task RequestInformationAsync(FeedbackItem item, StaffActor actor, string request, CancellationToken ct)
    {
        Require(item, FeedbackStatus.Received, FeedbackStatus.InProgress);
        item.PausedWorkingDays = item.DueOn is { } due ? await calendar.WorkingDaysBetweenAsync(Today, due, ct) : Options.AnswerDaysFor(item.Kind);
        item.Status = FeedbackStatus.WaitingForCitizen;
        item.InformationRequest = request;
        item.DueOn = null;
        await StepAsync(item, FeedbackAction.InformationRequested, actor, request, null, ct);
    }

    /// <summary>The citizen's addition (with the secret): the clock starts again with the days that were left.</summary>
    public async Task AddInformationAsync(FeedbackItem item, string text, CancellationToken ct)
    {
        Require(item, FeedbackStatus.WaitingForCitizen);
        item.Content = Truncate(item.Content + "\n\n— " + $"Bổ sung ngày {Today:dd/MM/yyyy}:\n" + text, FeedbackRules.ContentMax);
        item.Status = FeedbackStatus.InProgress;
        item.DueOn = await calendar.AddWorkingDaysAsync(Today, Math.Max(1, item.PausedWorkingDays ?? 1), ct);
        item.PausedWorkingDays = null;
        item.InformationRequest = null;
        await StepAsync(item, FeedbackAction.InformationAdded, null, null, null, ct);
    }

    /// <summary>The unit's answer: it goes out at once, or waits for a leader when the agency requires approval.</summary>
    public async Task AnswerAsync(FeedbackItem item, StaffActor actor, string answer, bool actorIsLeader, CancellationToken ct)
    {
        Require(item, FeedbackStatus.InProgress);
        item.Answer = answer;
        if (Options.LeaderApprovesAnswers && !actorIsLeader)
        {
            item.Status = FeedbackStatus.AwaitingApproval;
            await StepAsync(item, FeedbackAction.AnswerDrafted, actor, null, null, ct);
            return;
        }

        await PublishAnswerAsync(item, actor, ct);
    }

    public async Task ApproveAsync(FeedbackItem item, StaffActor leader, CancellationToken ct)
    {
        Require(item, FeedbackStatus.AwaitingApproval);
        await PublishAnswerAsync(item, leader, ct);
    }

    public async Task ReturnAnswerAsync(FeedbackItem item, StaffActor leader, string note, CancellationToken ct)
    {
        Require(item, FeedbackStatus.AwaitingApproval);
        item.Status = FeedbackStatus.InProgress;
        await StepAsync(item, FeedbackAction.AnswerReturned, leader, null, note, ct);
    }

    /// <summary>The citizen's verdict; "không hài lòng" reopens the item for the unit's leader with a new answer time.</summary>
    public async Task RateAsync(FeedbackItem item, bool satisfied, CancellationToken ct)
    {
        Require(item, FeedbackStatus.Answered);
        item.Satisfied = satisfied;
        if (satisfied)
        {
            item.Status = FeedbackStatus.Closed;
            item.ClosedAt = clock.GetUtcNow().UtcDateTime;
            await StepAsync(item, FeedbackAction.RatedSatisfied, null, null, null, ct);
            return;
        }

        item.Status = FeedbackStatus.InProgress;
        item.DueOn = await calendar.AddWorkingDaysAsync(Today, Options.AnswerDaysFor(item.Kind), ct);
        item.Events.Add(new FeedbackEvent { At = clock.GetUtcNow().UtcDateTime, Action = FeedbackAction.RatedDissatisfied, UnitId = item.AssignedUnitId });
        await StepAsync(item, FeedbackAction.Reopened, null, $"Lãnh đạo đơn vị xem xét lại, hạn trả lời {item.DueOn:dd/MM/yyyy}.", null, ct);
    }

    /// <summary>Removes the citizen's name and contact; the item and its timeline stay, without them.</summary>
    public async Task DeletePersonalDataAsync(FeedbackItem item, CancellationToken ct)
    {
        item.NameProtected = null;
        item.EmailProtected = null;
        item.PhoneProtected = null;
        // Photos and documents may show the sender or their papers: they go with the rest of the personal data.
        await db.FeedbackAttachments.Where(a => a.FeedbackItemId == item.Id).ExecuteDeleteAsync(ct);
        item.AnonymisedAt = clock.GetUtcNow().UtcDateTime;
        await StepAsync(item, FeedbackAction.PersonalDataDeleted, null, null, null, ct, notify: false);
    }

    private async Task PublishAnswerAsync(FeedbackItem item, StaffActor actor, CancellationToken ct)
    {
        item.AnsweredLate = item.DueOn is { } due && Today > due;
        item.Status = FeedbackStatus.Answered;
        item.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        item.DueOn = null;
        await StepAsync(item, FeedbackAction.Answered, actor, item.Answer, null, ct);
    }

    private async Task StepAsync(
        FeedbackItem item, FeedbackAction action, StaffActor? actor, string? publicNote, string? internalNote, CancellationToken ct,
        int? unitId = null, bool notify = true)
    {
        item.Events.Add(new FeedbackEvent
        {
            At = clock.GetUtcNow().UtcDateTime, Action = action, StaffUserId = actor?.UserId, StaffName = actor?.Name,
            UnitId = unitId ?? actor?.UnitId ?? item.AssignedUnitId, PublicNote = publicNote, InternalNote = internalNote,
        });
        await db.SaveChangesAsync(ct);
        if (notify && action is not (FeedbackAction.AnswerDrafted or FeedbackAction.AnswerReturned))
        {
            await NotifyAsync(item, $"{FeedbackRules.ActionName(action)}. Trạng thái: {FeedbackRules.StatusName(item.Status)}." + (publicNote is null ? "" : "\n\n" + publicNote), ct);
        }
    }

    /// <summary>An email to the citizen on each change, when they left an address; the link needs only the code.</summary>
    private async Task NotifyAsync(FeedbackItem item, string text, CancellationToken ct)
    {
        if (!mailer.IsEnabled || Unprotect(item.EmailProtected) is not { } email)
        {
            return;
        }

        var body = $"{text}\n\nMã theo dõi: {item.TrackingCode}\nTheo dõi tại: {site.Link("/phan-anh-kien-nghi/tra-cuu?ma=" + item.TrackingCode)}\n\n" +
            "Đây là thư tự động, vui lòng không trả lời thư này.";
        await mailer.SendAsync([new OutgoingMail(email, Unprotect(item.NameProtected) ?? "", $"[{item.TrackingCode}] {item.Subject}", body)], ct);
    }

    private static void Require(FeedbackItem item, params FeedbackStatus[] allowed)
    {
        if (!allowed.Contains(item.Status))
        {
            throw new FeedbackStepException(item.Status);
        }
    }

    private async Task<string> NewTrackingCodeAsync(int year, CancellationToken ct)
    {
        while (true)
        {
            var code = TrackingCodes.New("PA", year);
            if (!await db.FeedbackItems.AnyAsync(f => f.TrackingCode == code, ct))
            {
                return code;
            }
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>The step does not fit the item's status any more (someone else acted first): the page says so.</summary>
public sealed class FeedbackStepException(FeedbackStatus status) : InvalidOperationException($"Not allowed while {status}")
{
    public FeedbackStatus Status { get; } = status;
}
