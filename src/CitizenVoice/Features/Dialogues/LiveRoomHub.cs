using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// The live room's hub. Viewers only listen: everything they see is pushed by the moderator's actions
/// (<see cref="LiveRoom"/>), so a viewer's connection costs one group membership and nothing per message.
/// </summary>
public sealed class LiveRoomHub(DialogueAccess access, ViewerCounter viewers) : Hub
{
    public const string Path = "/hubs/doi-thoai";

    public static string ViewersGroup(int sessionId) => $"dialogue-{sessionId}";

    public static string StaffGroup(int sessionId) => $"dialogue-{sessionId}-staff";

    /// <summary>Starts receiving a session's live updates; returns the number of viewers (on this node).</summary>
    public async Task<int> Join(int sessionId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ViewersGroup(sessionId));
        Context.Items["session"] = sessionId;
        return viewers.Add(sessionId);
    }

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

/// <summary>Viewers per session on this node (with several nodes each reports its own share).</summary>
public sealed class ViewerCounter
{
    private readonly ConcurrentDictionary<int, int> _counts = new();

    public int Add(int sessionId) => _counts.AddOrUpdate(sessionId, 1, (_, n) => n + 1);

    public void Remove(int sessionId) => _counts.AddOrUpdate(sessionId, 0, (_, n) => Math.Max(0, n - 1));

    public int Of(int sessionId) => _counts.GetValueOrDefault(sessionId);
}
