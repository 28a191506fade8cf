using CitizenVoice.Data;
using CitizenVoice.Features.Shared;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// A citizen's question as its author may follow it, for the tracking page and the API alike: with the tracking code,
/// its status, why it was not published, and the answer and commitments (which are public anyway); with the secret
/// too, the text as they sent it. Never the author's name or phone: those only the tracking page shows, to the secret.
/// </summary>
public static class QuestionTracking
{
    public sealed record Result(
        string TrackingCode, int SessionId, string SessionTitle, string SessionUrl, string HostUnit, string Status, string StatusName,
        DateTimeOffset ReceivedAt, string? RejectionReason, string? Answer, string? AnswerTiming, string? AnsweredBy, DateTimeOffset? AnsweredAt,
        DialoguesApi.CommitmentDto[] Commitments, bool SecretAccepted, string? Text);

    /// <summary>The status as the author reads it; the names are resource keys.</summary>
    public static string StatusName(OpinionStatus status) => status switch
    {
        OpinionStatus.Pending => "Đã tiếp nhận, chờ thư ký duyệt",
        OpinionStatus.Approved => "Đã đăng công khai, chờ trả lời",
        OpinionStatus.Rejected => "Không đăng",
        OpinionStatus.Merged => "Đã gộp vào câu hỏi cùng nội dung",
        _ => "Đã trả lời",
    };

    public static async Task<Result?> FindAsync(AppDb db, string? trackingCode, string? secret, DateOnly today, CancellationToken ct)
    {
        if (TrackingCodes.Normalise(trackingCode) is not { } code)
        {
            return null;
        }

        var q = await db.Opinions.AsNoTracking().Where(o => o.TrackingCode == code)
            .Select(o => new
            {
                o.Id, o.TrackingCode, o.SecretHash, o.SessionId, SessionTitle = o.Session!.Title, HostUnit = LocalName.Of(o.Session.HostUnit!.Name, o.Session.HostUnit.NameEn), o.Status,
                o.ReceivedAt, o.RejectionReason, o.Text, o.MergedIntoId,
            })
            .SingleOrDefaultAsync(ct);
        if (q is null)
        {
            return null;
        }

        // A merged question is answered where it was merged: its author follows that one's answer.
        var answeredId = q.MergedIntoId ?? q.Id;
        var answer = await db.Opinions.AsNoTracking().Where(o => o.Id == answeredId && o.Status == OpinionStatus.Answered)
            .Select(o => new
            {
                o.Answer, o.AnswerTiming, AnsweredBy = o.AnsweredBy ?? o.AnsweringUnit!.Name, o.AnsweredAt,
                Commitments = o.Commitments.OrderBy(c => c.DueOn).Select(c => new { c.What, Unit = LocalName.Of(c.ResponsibleUnit!.Name, c.ResponsibleUnit.NameEn), c.DueOn, c.Status, c.Evidence }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        var withSecret = TrackingCodes.SecretMatches(q.TrackingCode!, q.SecretHash, secret);
        return new Result(
            q.TrackingCode!, q.SessionId, q.SessionTitle, $"/doi-thoai/{q.SessionId}", q.HostUnit, DialoguesApi.Slug(q.Status.ToString()), StatusName(q.Status),
            Vietnam(q.ReceivedAt), q.RejectionReason is { } r ? DialogueText.Rejection(r) : null,
            answer?.Answer, answer?.AnswerTiming is { } t ? DialoguesApi.Slug(t.ToString()) : null, answer?.AnsweredBy,
            answer?.AnsweredAt is { } at ? Vietnam(at) : null,
            [.. (answer?.Commitments ?? []).Select(c => new DialoguesApi.CommitmentDto(
                c.What, c.Unit, c.DueOn, DialoguesApi.Slug(c.Status.ToString()), c.Status is CommitmentStatus.Open or CommitmentStatus.InProgress && c.DueOn < today, c.Evidence))],
            withSecret, withSecret ? q.Text : null);
    }

    private static DateTimeOffset Vietnam(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(VietnamTime.VietnamOffset);
}
