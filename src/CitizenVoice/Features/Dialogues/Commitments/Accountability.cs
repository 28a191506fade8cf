using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>The figures a session answers for in public: what was received, what was answered, what was promised and done.</summary>
public sealed record AccountabilityFigures(
    int Received, int AnsweredOnTheSpot, int AnsweredLater,
    int CommitmentsDone, int CommitmentsInProgress, int CommitmentsOverdue, int CommitmentsTransferred);

public static class Accountability
{
    public static async Task<AccountabilityFigures> ForSessionAsync(AppDb db, int sessionId, DateOnly today, CancellationToken ct = default)
    {
        var session = await db.DialogueSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.RecordedOpinions }).SingleAsync(ct);
        var opinions = await db.Opinions.AsNoTracking().Where(o => o.SessionId == sessionId)
            .GroupBy(o => o.AnswerTiming)
            .Select(g => new { Timing = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var commitments = await db.Commitments.AsNoTracking().Where(c => c.SessionId == sessionId)
            .Select(c => new { c.Status, c.DueOn }).ToListAsync(ct);

        // Every opinion in the register counts as received (merged duplicates and rejected ones too); older sessions
        // whose opinions were not all typed in report the figure from their own minutes.
        var registered = opinions.Sum(o => o.Count);
        var open = commitments.Where(c => c.Status is CommitmentStatus.Open or CommitmentStatus.InProgress).ToList();
        return new AccountabilityFigures(
            Math.Max(registered, session.RecordedOpinions ?? 0),
            opinions.Where(o => o.Timing == AnswerTiming.OnTheSpot).Sum(o => o.Count),
            opinions.Where(o => o.Timing == AnswerTiming.Later).Sum(o => o.Count),
            commitments.Count(c => c.Status == CommitmentStatus.Done),
            open.Count(c => c.DueOn >= today),
            open.Count(c => c.DueOn < today),
            commitments.Count(c => c.Status == CommitmentStatus.Transferred));
    }
}
