using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>What the live room shows of a published question. Never the author's name or contact.</summary>
public sealed record LiveQuestion(int Id, string Text, int Supports, string? Answer, string? AnsweredBy, bool? AnsweredOnTheSpot);

/// <summary>A live room as it is now, for a viewer that (re)connects.</summary>
public sealed record LiveState(IReadOnlyList<LiveQuestion> Queue, int? CurrentId);

/// <summary>Pushes the moderator's actions to the viewers of a session's live room (and new questions to its console).</summary>
public sealed class LiveRoom(IHubContext<LiveRoomHub> hub, AppDb db, ViewerCounter viewers, AppMetrics metrics)
{
    public static LiveQuestion ToLive(Opinion o) =>
        new(o.Id, o.Text, o.Supports, o.Answer, o.AnsweredBy, o.AnswerTiming is null ? null : o.AnswerTiming == AnswerTiming.OnTheSpot);

    public async Task<List<LiveQuestion>> QueueAsync(int sessionId, CancellationToken ct = default) =>
        (await db.Opinions.AsNoTracking()
            .Where(o => o.SessionId == sessionId && (o.Status == OpinionStatus.Approved || o.Status == OpinionStatus.Answered))
            .OrderByDescending(o => o.Supports).ThenBy(o => o.ReceivedAt).ToListAsync(ct))
        .Select(ToLive).ToList();

    public async Task<LiveState> StateAsync(int sessionId, CancellationToken ct = default)
    {
        var currentId = await db.DialogueSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => s.CurrentOpinionId).SingleOrDefaultAsync(ct);
        return new(await QueueAsync(sessionId, ct), currentId);
    }

    /// <summary>A question was published (approved, merged into, corrected): viewers add or refresh it in the queue.</summary>
    public async Task QuestionPublishedAsync(Opinion opinion) =>
        await ToViewersAsync(opinion.SessionId, "question", ToLive(opinion), await viewers.OfAsync(opinion.SessionId));

    /// <summary>A question left the public queue (rejected or merged away).</summary>
    public Task QuestionWithdrawnAsync(Opinion opinion) =>
        hub.Clients.Group(LiveRoomHub.ViewersGroup(opinion.SessionId)).SendAsync("withdrawn", opinion.Id);

    public async Task AnsweredAsync(Opinion opinion) =>
        await ToViewersAsync(opinion.SessionId, "answer", ToLive(opinion), await viewers.OfAsync(opinion.SessionId));

    public async Task CurrentAsync(int sessionId, Opinion? opinion) =>
        await ToViewersAsync(sessionId, "current", opinion is null ? null : ToLive(opinion), await viewers.OfAsync(sessionId));

    /// <summary>Sends to every viewer of the session, timing the hand-over (the live room's delivery metric).</summary>
    private async Task ToViewersAsync(int sessionId, string method, LiveQuestion? question, int viewerCount)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await hub.Clients.Group(LiveRoomHub.ViewersGroup(sessionId)).SendAsync(method, question, viewerCount);
        metrics.LiveDelivery.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>A citizen sent a question: the console shows that new ones wait (no text, so a slow console reloads to read them).</summary>
    public Task ReceivedAsync(int sessionId, int pending) =>
        hub.Clients.Group(LiveRoomHub.StaffGroup(sessionId)).SendAsync("received", pending);
}
