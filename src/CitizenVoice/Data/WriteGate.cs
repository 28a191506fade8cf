using Microsoft.Extensions.Options;

namespace CitizenVoice.Data;

/// <summary>
/// SQLite allows one writer at a time; when many requests open write transactions at once they collide on the
/// file lock and retry with sleeps, and throughput collapses. Queuing them here, in the process, lets each commit
/// go straight through. PostgreSQL has row locks and needs no gate.
/// </summary>
public sealed class WriteGate(IOptions<DatabaseOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _sqlite = new(1, 1);
    private readonly SemaphoreSlim _folding = new(1, 1);

    public async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsPostgres)
        {
            return null;
        }

        await _sqlite.WaitAsync(cancellationToken);
        return new Release(_sqlite);
    }

    /// <summary>
    /// SQLite: one fold of pending rollup increments at a time (<see cref="Features.Surveys.RollupFolder"/>); two
    /// would read the same increments and the second would only find, under the write lock, that it must read again.
    /// </summary>
    public async ValueTask<IDisposable> EnterFoldAsync(CancellationToken cancellationToken)
    {
        await _folding.WaitAsync(cancellationToken);
        return new Release(_folding);
    }

    public void Dispose()
    {
        _sqlite.Dispose();
        _folding.Dispose();
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
