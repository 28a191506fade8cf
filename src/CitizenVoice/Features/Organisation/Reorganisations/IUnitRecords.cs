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
}
