using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Feedback;

/// <summary>The feedback items each unit received or must answer (each item once per unit), for a reorganisation's preview.</summary>
internal sealed class FeedbackUnitRecords(AppDb db) : IUnitRecords
{
    public int Order => 30;

    public string Name => "Phản ánh, kiến nghị";

    public async Task<IReadOnlyDictionary<int, int>> CountByUnitAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken)
    {
        var ids = unitIds.ToList();
        var items = await db.FeedbackItems.Where(f => ids.Contains(f.ReceivingUnitId) || ids.Contains(f.AssignedUnitId))
            .Select(f => new { f.ReceivingUnitId, f.AssignedUnitId }).ToListAsync(cancellationToken);
        var counts = new Dictionary<int, int>();
        foreach (var item in items)
        {
            foreach (var unit in item.ReceivingUnitId == item.AssignedUnitId ? [item.ReceivingUnitId] : new[] { item.ReceivingUnitId, item.AssignedUnitId })
            {
                counts[unit] = counts.GetValueOrDefault(unit) + 1;
            }
        }

        return counts;
    }

    public async Task<int> HandOverAsync(IReadOnlyDictionary<int, int> successorOf, CancellationToken cancellationToken)
    {
        // Items still to answer: the successor answers them now, by the same deadline. Who received them stays.
        var closed = successorOf.Keys.ToList();
        var open = await db.FeedbackItems.Where(f => closed.Contains(f.AssignedUnitId)
            && f.Status != FeedbackStatus.Answered && f.Status != FeedbackStatus.Rejected && f.Status != FeedbackStatus.Closed).ToListAsync(cancellationToken);
        open.ForEach(f => f.AssignedUnitId = successorOf[f.AssignedUnitId]);
        return open.Count;
    }
}
