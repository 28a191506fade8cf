namespace CitizenVoice.Features.Organisation;

/// <summary>
/// Records that other features keep against units (survey responses, dialogues, feedback), counted per unit so a
/// reorganisation's preview can say what each change touches. Organisation sits below those features, so each of them
/// implements this port (registered as a scoped <see cref="IUnitRecords"/>) rather than Organisation reading their tables.
/// </summary>
public interface IUnitRecords
{
    /// <summary>Where the column stands in the preview, left to right.</summary>
    int Order { get; }

    /// <summary>The column's Vietnamese heading, also the resource key of its English one.</summary>
    string Name { get; }

    /// <summary>How many records each of the units holds (units holding none may be left out).</summary>
    Task<IReadOnlyDictionary<int, int>> CountByUnitAsync(IReadOnlyCollection<int> unitIds, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the unfinished work of units that close to the units that take them over (<paramref name="successorOf"/>:
    /// closed unit → successor) — feedback still to answer, sessions not yet held, questions and commitments still
    /// open — and leaves what is finished with the closed unit, whose history it is. One call for all the units a file
    /// closes; changes go through the caller's context and transaction (audited as they are saved); the count of
    /// records handed over.
    /// </summary>
    Task<int> HandOverAsync(IReadOnlyDictionary<int, int> successorOf, CancellationToken cancellationToken);
}

public static class UnitRecordsHandOver
{
    /// <summary>Every feature's unfinished work of the closed units handed to their successors.</summary>
    public static async Task<int> HandOverAsync(this IEnumerable<IUnitRecords> records, IReadOnlyDictionary<int, int> successorOf, CancellationToken cancellationToken)
    {
        var handed = 0;
        foreach (var record in records)
        {
            handed += successorOf.Count == 0 ? 0 : await record.HandOverAsync(successorOf, cancellationToken);
        }

        return handed;
    }
}
