using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>The survey responses each unit holds (deleted ones left out), for a reorganisation's preview.</summary>
internal sealed class SurveyUnitRecords(AppDb db) : IUnitRecords
{
    public int Order => 10;

    public string Name => "Phiếu khảo sát";

    public async Task<IReadOnlyDictionary<int, int>> CountByUnitAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken)
    {
        var ids = unitIds.ToList();
        // The daily rows hold the same count as the responses, in a row per unit and day instead of one per response.
        return await db.DailyRollups.Where(r => ids.Contains(r.UnitId)).GroupBy(r => r.UnitId)
            .Select(g => new { g.Key, Count = g.Sum(r => r.Responses) }).ToDictionaryAsync(g => g.Key, g => (int)g.Count, cancellationToken);
    }

    /// <summary>
    /// Nothing: a response is a finished record of the unit that served the citizen (its figures count in the successor
    /// through the merge), and a survey round's targets were sized for the units it sampled.
    /// </summary>
    public Task<int> HandOverAsync(IReadOnlyDictionary<int, int> successorOf, CancellationToken cancellationToken) => Task.FromResult(0);
}
