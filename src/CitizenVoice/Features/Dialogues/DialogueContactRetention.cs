using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Dialogues;

/// <summary>How long dialogue contacts are kept after their purpose has ended (<c>Dialogues:Retention</c>).</summary>
public sealed class DialogueRetentionOptions
{
    public const string Section = "Dialogues:Retention";

    /// <summary>
    /// A registrant's phone is for reaching them about the session (a change of time or place): it goes this long
    /// after the session's end, time enough to sort out what the session left open.
    /// </summary>
    public TimeSpan KeepRegistrantPhoneAfterSession { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A question's author name and phone are for answering them and telling them what became of the promises made:
    /// they go this long after the last of the session's end, the answer and the closing of its commitments.
    /// </summary>
    public TimeSpan KeepQuestionContactAfterFollowUp { get; set; } = TimeSpan.FromDays(90);
}

/// <summary>
/// Deletes registrants' phones and question authors' names and phones once kept long enough after their purpose ended.
/// The registration, the question, its answer and the figures stay.
/// </summary>
public sealed class DialogueContactRetention(AppDb db, IOptions<DialogueRetentionOptions> options) : IRetentionRule
{
    public async Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct)
    {
        var sessionEndedBefore = now - options.Value.KeepRegistrantPhoneAfterSession;
        var registrants = await db.Registrations
            .Where(r => r.ProtectedPhone != null && db.DialogueSessions.Any(s => s.Id == r.SessionId && s.EndsAt < sessionEndedBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ProtectedPhone, (string?)null), ct);

        // A merged question is answered, and its promises kept, through the one it was merged into.
        var followUpClosedBefore = now - options.Value.KeepQuestionContactAfterFollowUp;
        var authors = await db.Opinions
            .Where(o => (o.ProtectedContact != null || o.AuthorName != null)
                && db.DialogueSessions.Any(s => s.Id == o.SessionId && s.EndsAt < followUpClosedBefore)
                && !db.Opinions.Any(a => (a.Id == o.Id || a.Id == o.MergedIntoId) && a.AnsweredAt >= followUpClosedBefore)
                && !db.Commitments.Any(c => (c.OpinionId == o.Id || c.OpinionId == o.MergedIntoId)
                    && (c.Status == CommitmentStatus.Open || c.Status == CommitmentStatus.InProgress || c.ClosedAt >= followUpClosedBefore)))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ProtectedContact, (string?)null).SetProperty(o => o.AuthorName, (string?)null), ct);
        return registrants + authors;
    }
}
