using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>The dialogue sessions each unit hosts, for a reorganisation's preview.</summary>
internal sealed class DialogueUnitRecords(AppDb db) : IUnitRecords
{
    public int Order => 20;

    public string Name => "Buổi đối thoại";

    public async Task<IReadOnlyDictionary<int, int>> CountByUnitAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken)
    {
        var ids = unitIds.ToList();
        return await db.DialogueSessions.Where(s => ids.Contains(s.HostUnitId)).GroupBy(s => s.HostUnitId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    public async Task<int> HandOverAsync(IReadOnlyDictionary<int, int> successorOf, CancellationToken cancellationToken)
    {
        // Sessions not yet held are held by the successor; questions and commitments still open are its to answer.
        var closed = successorOf.Keys.ToList();
        var sessions = await db.DialogueSessions.Where(s => closed.Contains(s.HostUnitId)
            && (s.Status == DialogueStatus.Draft || s.Status == DialogueStatus.Announced || s.Status == DialogueStatus.OpenForQuestions)).ToListAsync(cancellationToken);
        sessions.ForEach(s => s.HostUnitId = successorOf[s.HostUnitId]);
        var questions = await db.AnswerAssignments.Where(a => closed.Contains(a.UnitId) && a.Status != AnswerAssignmentStatus.Published).ToListAsync(cancellationToken);
        questions.ForEach(a => a.UnitId = successorOf[a.UnitId]);
        var commitments = await db.Commitments.Where(c => closed.Contains(c.ResponsibleUnitId)
            && (c.Status == CommitmentStatus.Open || c.Status == CommitmentStatus.InProgress)).ToListAsync(cancellationToken);
        commitments.ForEach(c => c.ResponsibleUnitId = successorOf[c.ResponsibleUnitId]);
        return sessions.Count + questions.Count + commitments.Count;
    }
}
