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
}
