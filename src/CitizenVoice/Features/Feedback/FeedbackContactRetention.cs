using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Feedback;

/// <summary>
/// Deletes a sender's name and contacts <see cref="FeedbackOptions.KeepContactAfterClosing"/> after the item closed
/// (or was answered and never rated): they were kept only to answer the sender. The item stays, anonymised.
/// </summary>
public sealed class FeedbackContactRetention(AppDb db, IOptions<FeedbackOptions> options) : IRetentionRule
{
    public Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct)
    {
        var closedBefore = now - options.Value.KeepContactAfterClosing;
        return db.FeedbackItems
            // An answer the sender never rated ends the item as much as a rating does.
            .Where(f => (f.ClosedAt < closedBefore || (f.Status == FeedbackStatus.Answered && f.AnsweredAt < closedBefore))
                && (f.NameProtected != null || f.EmailProtected != null || f.PhoneProtected != null))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.NameProtected, (string?)null).SetProperty(f => f.EmailProtected, (string?)null)
                .SetProperty(f => f.PhoneProtected, (string?)null).SetProperty(f => f.AnonymisedAt, now), ct);
    }
}
