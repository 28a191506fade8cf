using CitizenVoice.Data;
using CitizenVoice.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// The RSS feed of answers given in dialogues: citizens and the press follow what the police answered without
/// visiting every session. Only what the session pages already publish: answered questions of announced sessions,
/// never a pending or rejected one, never an author's name.
/// </summary>
public static class DialogueAnswersFeed
{
    public const string Path = "/doi-thoai/tra-loi.rss";
    public const string Title = "Trả lời ý kiến, câu hỏi của Nhân dân tại các buổi đối thoại";
    private const int Entries = 50;

    public static async Task<IResult> GetAsync(Infrastructure.SiteAddress site, AppDb db, CancellationToken ct)
    {
        var answers = await db.Opinions.AsNoTracking()
            .Where(o => o.Status == OpinionStatus.Answered && o.Answer != null && o.AnsweredAt != null && o.Session!.Status != DialogueStatus.Draft)
            .OrderByDescending(o => o.AnsweredAt).ThenByDescending(o => o.Id).Take(Entries)
            .Select(o => new { o.Id, o.SessionId, o.Text, o.Answer, o.AnsweredAt, o.AnsweredBy, Unit = o.AnsweringUnit!.Name, Session = o.Session!.Title })
            .ToListAsync(ct);
        return FeedResults.Rss(site, Title, "Câu hỏi của Nhân dân đã được trả lời tại các buổi đối thoại, mới nhất trước.", Path,
            answers.Select(a => new FeedEntry(
                $"doi-thoai-{a.SessionId}-y-kien-{a.Id}",
                a.Text.Length <= 140 ? a.Text : a.Text[..139] + "…",
                $"{a.Answer}\n\n— {a.AnsweredBy ?? a.Unit ?? a.Session} ({a.Session})",
                $"/doi-thoai/{a.SessionId}#y-kien-{a.Id}",
                new DateTimeOffset(DateTime.SpecifyKind(a.AnsweredAt!.Value, DateTimeKind.Utc)))));
    }
}
