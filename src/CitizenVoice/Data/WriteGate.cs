using Microsoft.Extensions.Options;

namespace CitizenVoice.Data;

/// <summary>
/// SQLite allows one writer at a time; when many requests open write transactions at once they collide on the
/// file lock and retry with sleeps, and throughput collapses. Queuing them here, in the process, lets each commit
/// go straight through. PostgreSQL has row locks and needs no gate. Every writer of the database takes it: the survey
/// writer, the rollups, the visitor counts.
/// </summary>
public sealed class WriteGate(IOptions<DatabaseOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _sqlite = new(1, 1);

    public async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsPostgres)
        {
            return null;
        }

        await _sqlite.WaitAsync(cancellationToken);
        return new Release(_sqlite);
    }

    public void Dispose()
    {
        _sqlite.Dispose();
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
