using Microsoft.AspNetCore.SignalR;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// The live room's hub. Viewers only listen: everything they see is pushed by the moderator's actions
/// (<see cref="LiveRoom"/>), so a viewer's connection costs one group membership and nothing per message.
/// </summary>
public sealed class LiveRoomHub(DialogueAccess access, ViewerCounter viewers, LiveRoom live) : Hub
{
    public const string Path = "/hubs/doi-thoai";

    public static string ViewersGroup(int sessionId) => $"dialogue-{sessionId}";

    public static string StaffGroup(int sessionId) => $"dialogue-{sessionId}-staff";

    /// <summary>Starts receiving a session's live updates; returns the number of viewers (on every copy of the app).</summary>
    public async Task<int> Join(int sessionId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ViewersGroup(sessionId));
        // A connection that joins twice is one viewer.
        if (!Context.Items.ContainsKey("session"))
        {
            Context.Items["session"] = sessionId;
            viewers.Add(sessionId);
        }

        return await viewers.OfAsync(sessionId);
    }

    /// <summary>
    /// The session's published questions, answers and current question as they are now: a viewer who reconnects
    /// (a phone that lost its signal, a copy of the app that died) catches up on everything given while it was away.
    /// </summary>
    public Task<LiveState> State(int sessionId) => live.StateAsync(sessionId, Context.ConnectionAborted);

    /// <summary>The moderator's console also hears of new questions as they arrive.</summary>
    public async Task<bool> JoinConsole(int sessionId)
    {
        var hostUnitId = await access.HostUnitOfAsync(sessionId);
        if (hostUnitId is null || Context.User is null || !await access.CanRunAsync(Context.User, hostUnitId.Value))
        {
            return false;
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, StaffGroup(sessionId));
        return true;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.Items.TryGetValue("session", out var session) && session is int sessionId)
        {
            viewers.Remove(sessionId);
        }

        return base.OnDisconnectedAsync(exception);
    }
}

