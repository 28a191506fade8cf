using CitizenVoice.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// The public live room: the current question and its answer, the queue of approved questions, new answers as
/// they are given. The page is complete as served; SignalR only keeps it fresh (without JavaScript it refreshes).
/// </summary>
public sealed class LiveRoomPageModel(AppDb db, LiveRoom live) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public string Title { get; private set; } = "";
    public DialogueStatus Status { get; private set; }
    public LiveQuestion? Current { get; private set; }
    public IReadOnlyList<LiveQuestion> Queue { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var session = await db.DialogueSessions.AsNoTracking().Where(s => s.Id == Id && s.Status != DialogueStatus.Draft)
            .Select(s => new { s.Title, s.Status, s.CurrentOpinionId }).SingleOrDefaultAsync(ct);
        if (session is null)
        {
            return NotFound();
        }

        (Title, Status) = (session.Title, session.Status);
        Queue = await live.QueueAsync(Id, ct);
        Current = Queue.FirstOrDefault(q => q.Id == session.CurrentOpinionId);
        return Page();
    }
}
