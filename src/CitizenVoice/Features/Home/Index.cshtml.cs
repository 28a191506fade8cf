using CitizenVoice.Data;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Features.Satisfaction;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Home;

/// <summary>
/// The front page. On a phone its first screen answers what a citizen comes for: how to reach the agency (rate a
/// service, ask a question for a dialogue, send feedback), which dialogues are live or coming, and how satisfied
/// people are; the rest of the portal follows below.
/// </summary>
public sealed class IndexModel(AppDb db, SatisfactionReport report, TimeProvider clock) : PageModel
{
    /// <summary>Two fit a phone's first screen with everything else; the dialogues page lists them all.</summary>
    private const int DialoguesShown = 2;

    public sealed record DialogueLine(int Id, string Title, DateTime StartsAt, bool Live, bool AcceptsQuestions);

    /// <summary>Live dialogues first, then the next ones by start.</summary>
    public IReadOnlyList<DialogueLine> Dialogues { get; private set; } = [];

    /// <summary>All live and coming dialogues, of which <see cref="Dialogues"/> are shown.</summary>
    public int DialoguesComing { get; private set; }

    /// <summary>The nearest dialogue taking questions, where the "ask a question" way leads; null: the dialogues page.</summary>
    public DialogueLine? TakingQuestions { get; private set; }

    public LatestFigure? Satisfaction { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The same rule as the dialogues page's "upcoming" list: published, not ended, not closed. Statuses are stored
        // by name, so they are compared for equality, never ordered, in the query.
        var coming = await db.DialogueSessions.AsNoTracking()
            .Where(s => (s.Status == DialogueStatus.Announced || s.Status == DialogueStatus.OpenForQuestions || s.Status == DialogueStatus.Live)
                && s.EndsAt >= now)
            .Select(s => new { s.Id, s.Title, s.StartsAt, s.Status })
            .ToListAsync(ct);
        var lines = coming
            .Select(s => new DialogueLine(s.Id, s.Title, s.StartsAt, s.Status == DialogueStatus.Live,
                s.Status is DialogueStatus.OpenForQuestions or DialogueStatus.Live))
            .OrderByDescending(s => s.Live).ThenBy(s => s.StartsAt).ThenBy(s => s.Id)
            .ToList();
        Dialogues = [.. lines.Take(DialoguesShown)];
        DialoguesComing = lines.Count;
        TakingQuestions = lines.FirstOrDefault(s => s.AcceptsQuestions);
        Satisfaction = await LatestFigure.FindAsync(report, VietnamTime.Today(clock), ct);
    }
}
