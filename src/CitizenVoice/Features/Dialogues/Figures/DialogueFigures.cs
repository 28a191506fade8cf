using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// Dialogue figures for a unit's subtree and a period: what a leader asks for and what the Bắc Kạn police article of 2022 (News/NewsSeed.cs) reports
/// ("16 buổi đối thoại … 1 buổi trực tuyến … trên 1000 lượt người tham gia, gần 200 ý kiến").
/// </summary>
public sealed record DialogueFigures(
    int Sessions, int InPerson, int Online, int Hybrid, int Participants, int Opinions,
    Dictionary<OpinionChannel, int> OpinionsByChannel, Dictionary<string, int> OpinionsByField,
    int AnsweredOnTheSpot, int AnsweredLater, int Commitments, int CommitmentsDoneOnTime, int CommitmentsDoneLate,
    int CommitmentsInProgress, int CommitmentsOverdue)
{
    /// <summary>Sessions held (not drafts, already started) by units under <paramref name="unitPath"/> between the dates (agency time).</summary>
    public static async Task<DialogueFigures> ComputeAsync(AppDb db, string unitPath, DateOnly from, DateOnly to, DateOnly today, DateTime now, CancellationToken ct = default)
    {
        var start = VietnamTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var end = VietnamTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var sessions = await db.DialogueSessions.AsNoTracking()
            .Where(s => s.Status != DialogueStatus.Draft && s.StartsAt <= now && s.StartsAt >= start && s.StartsAt < end
                && s.HostUnit!.Path.StartsWith(unitPath))
            .Select(s => new
            {
                s.Id, s.Format, s.Participants, s.RecordedOpinions,
                Delegates = (s.DelegatesPartyCommittee ?? 0) + (s.DelegatesPeoplesCouncil ?? 0) + (s.DelegatesPeoplesCommittee ?? 0)
                    + (s.DelegatesVillages ?? 0) + (s.DelegatesBusinesses ?? 0) + (s.DelegatesCitizens ?? 0),
            })
            .ToListAsync(ct);
        var ids = sessions.Select(s => s.Id).ToList();
        var opinions = await db.Opinions.AsNoTracking().Where(o => ids.Contains(o.SessionId))
            .GroupBy(o => new { o.SessionId, o.Channel, o.FieldCode, o.AnswerTiming })
            .Select(g => new { g.Key.SessionId, g.Key.Channel, g.Key.FieldCode, g.Key.AnswerTiming, Count = g.Count() })
            .ToListAsync(ct);
        var commitments = await db.Commitments.AsNoTracking().Where(c => ids.Contains(c.SessionId))
            .Select(c => new { c.Status, c.DueOn, c.DoneOn }).ToListAsync(ct);

        var registered = opinions.GroupBy(o => o.SessionId).ToDictionary(g => g.Key, g => g.Sum(o => o.Count));
        var open = commitments.Where(c => c.Status is CommitmentStatus.Open or CommitmentStatus.InProgress).ToList();
        var done = commitments.Where(c => c.Status == CommitmentStatus.Done).ToList();
        return new DialogueFigures(
            sessions.Count,
            sessions.Count(s => s.Format == DialogueFormat.InPerson),
            sessions.Count(s => s.Format == DialogueFormat.Online),
            sessions.Count(s => s.Format == DialogueFormat.Hybrid),
            // In-person delegates and online visits add up: a hybrid session has both.
            sessions.Sum(s => s.Delegates + (s.Participants ?? 0)),
            sessions.Sum(s => Math.Max(registered.GetValueOrDefault(s.Id), s.RecordedOpinions ?? 0)),
            opinions.GroupBy(o => o.Channel).ToDictionary(g => g.Key, g => g.Sum(o => o.Count)),
            opinions.Where(o => o.FieldCode != null).GroupBy(o => o.FieldCode!).ToDictionary(g => g.Key, g => g.Sum(o => o.Count)),
            opinions.Where(o => o.AnswerTiming == AnswerTiming.OnTheSpot).Sum(o => o.Count),
            opinions.Where(o => o.AnswerTiming == AnswerTiming.Later).Sum(o => o.Count),
            commitments.Count,
            done.Count(c => c.DoneOn is null || c.DoneOn <= c.DueOn),
            done.Count(c => c.DoneOn > c.DueOn),
            open.Count(c => c.DueOn >= today),
            open.Count(c => c.DueOn < today));
    }
}
