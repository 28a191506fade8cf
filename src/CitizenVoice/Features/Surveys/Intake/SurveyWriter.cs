using System.Data.Common;
using System.Threading.Channels;
using CitizenVoice.Data;
using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CitizenVoice.Features.Surveys;

public enum WriteResult
{
    Written,
    /// <summary>A response with this id is already stored (a device's retry, a re-imported row): nothing written.</summary>
    AlreadyStored,
    /// <summary>The unit already has a response for this receipt code: nothing written.</summary>
    DuplicateReceipt,
}

/// <summary>
/// Group commit. Every checked response, from every request, is handed to this writer (one lane on SQLite, a few on
/// PostgreSQL), which stores whatever has queued up since its last commit in ONE transaction: the responses (each one
/// row, its answers packed in it), the staff audit entries, the daily rollup counts, summed over the batch so a rollup
/// row shared by many responses is written once, and the same increments as one pending row, which
/// <see cref="PendingRollupFold"/> adds to the rollup rows by month and by day about once a second. A request gets its
/// answer only after that commit, so an acknowledged response survives a crash (SQLite in WAL with synchronous=FULL
/// syncs the log at each commit). Under load a commit carries hundreds of responses for the price of one sync and one
/// pass over the rollup rows; when it is quiet a batch is one response and nothing waits.
/// Duplicates (same id, same receipt code for a unit) are decided here, inside the transaction, against the stored
/// rows and the rest of the batch, so racing requests cannot both get through.
/// </summary>
public sealed class SurveyWriter : IAsyncDisposable, IDisposable
{
    public const int MaxBatch = 1000;

    /// <summary>A response waiting for the writer, with its answers already packed (on the caller's thread, not the writer's).</summary>
    private sealed record Pending(
        SurveyResponse Response, string Answers, int[] Lineage, UnitLevel Level, AuditEntry? Audit, bool MayExist, TaskCompletionSource<WriteResult> Done);

    /// <summary>One writing loop and its connection.</summary>
    private sealed class Lane
    {
        public DbConnection? Connection { get; set; }
    }

    private readonly Channel<Pending> _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly WriteGate _gate;
    private readonly ILogger<SurveyWriter> _log;
    private readonly Lazy<Task> _loop;
    private readonly AppMetrics _metrics;

    public SurveyWriter(
        IServiceScopeFactory scopes, WriteGate gate, IOptions<DatabaseOptions> database, IOptions<SurveyOptions> surveys, AppMetrics metrics, ILogger<SurveyWriter> log)
    {
        Capacity = surveys.Value.WriterQueueCapacity;
        _queue = Channel.CreateBounded<Pending>(Capacity);
        _scopes = scopes;
        _gate = gate;
        _log = log;
        _metrics = metrics;
        metrics.Meter.CreateObservableGauge("citizenvoice.survey.writer_queue", () => QueueLength, "{response}", "Responses waiting for the writer.");
        // SQLite has one writer at a time, so one lane. PostgreSQL locks rows, so while one batch waits for its commit
        // to reach the disk the next can already be written.
        var lanes = database.Value.IsPostgres ? 3 : 1;
        _loop = new Lazy<Task>(() => Task.WhenAll(Enumerable.Range(0, lanes).Select(_ => Task.Run(() => RunAsync(new Lane())))));
    }

    /// <summary>Responses waiting for the writer.</summary>
    public int QueueLength => _queue.Reader.Count;

    /// <summary>How many responses may wait; a post beyond it waits for room.</summary>
    public int Capacity { get; }

    /// <summary>Stores a checked response and returns once it is committed.</summary>
    /// <param name="lineage">The response's unit and every unit above it (for the subtree rollups).</param>
    /// <param name="level">The level of the response's unit (for the per-level rollups).</param>
    /// <param name="mayExist">The id came from outside (a kiosk's client id, an import row's key) and may already be stored.</param>
    public async Task<WriteResult> WriteAsync(SurveyResponse response, int[] lineage, UnitLevel level, AuditEntry? audit, bool mayExist, CancellationToken cancellationToken)
    {
        _ = _loop.Value;
        var pending = new Pending(response, SurveyAnswer.Pack(response.Answers), lineage, level, audit, mayExist, new TaskCompletionSource<WriteResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        // Once queued the response will be written; the caller hears how it went even if its client has gone.
        return await pending.Done.Task;
    }

    private async Task RunAsync(Lane lane)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await CommitAsync(lane, batch);
            }
            #pragma warning disable CA1031 // Any failure of a batch is handed back to the waiting request(s) as their error; the writer itself must keep running.
            catch (Exception e)
            #pragma warning restore CA1031
            {
                // One bad response must not fail its neighbours: retry each alone so only it reports the error.
                if (batch.Count > 1)
                {
                    _log.LogWarning(e, "A batch of {Count} survey responses failed; committing them one by one", batch.Count);
                }

                foreach (var pending in batch)
                {
                    await CommitAloneAsync(lane, pending);
                }
            }

            batch.Clear();
        }

        if (lane.Connection is not null)
        {
            await lane.Connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Commits one response, deciding again whether it is a duplicate. On PostgreSQL another lane may have been writing
    /// the same id or receipt code: the unique index makes this transaction wait for that one and then fail. Deciding
    /// again, once the other has committed, gives the caller "already stored" or "duplicate receipt" instead of an error.
    /// </summary>
    private async Task CommitAloneAsync(Lane lane, Pending pending)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CommitAsync(lane, [pending]);
                return;
            }
            catch (Exception e) when (attempt < 3 && IsUniqueViolation(e))
            {
                // The other lane's row is committed now: the next attempt sees it.
            }
            #pragma warning disable CA1031 // Any failure of a batch is handed back to the waiting request(s) as their error; the writer itself must keep running.
            catch (Exception e)
            #pragma warning restore CA1031
            {
                pending.Done.TrySetException(e);
                return;
            }
        }
    }

    private static bool IsUniqueViolation(Exception e) => e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        or SqliteException { SqliteErrorCode: 19 /* SQLITE_CONSTRAINT */ };

    private async Task CommitAsync(Lane lane, List<Pending> batch)
    {
        using var turn = await _gate.EnterAsync(CancellationToken.None);
        var connection = lane.Connection ??= await OpenAsync();
        try
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var results = await DecideAsync(connection, transaction, batch);
            var written = batch.Where((_, i) => results[i] == WriteResult.Written).ToList();
            await BulkRows.WriteAsync(connection, transaction, "SurveyResponses",
                ["Id", "QuestionnaireId", "UnitId", "FieldId", "ProcedureId", "Channel", "RespondentType", "CreatedAt", "Day", "ReceiptHash",
                 "Comment", "ContactProtected", "ContactConsentAt", "EnteredById", "IsDeleted", "Answers"],
                written.Select(p => (p.Response, p.Answers)).Select(w => new object?[]
                {
                    w.Response.Id, w.Response.QuestionnaireId, w.Response.UnitId, w.Response.FieldId, w.Response.ProcedureId, (int)w.Response.Channel,
                    w.Response.RespondentType, w.Response.CreatedAt, w.Response.Day, w.Response.ReceiptHash, w.Response.Comment,
                    w.Response.ContactProtected, w.Response.ContactConsentAt, w.Response.EnteredById, false, w.Answers,
                }));
            await BulkRows.WriteAsync(connection, transaction, "AuditLog", ["At", "UserId", "UserName", "Action", "EntityType", "EntityKey", "Before", "After"],
                written.Where(p => p.Audit is not null).Select(p => p.Audit!).Select(a => new object?[] { a.At, a.UserId, a.UserName, a.Action, a.EntityType, a.EntityKey, a.Before, a.After }));
            // The rollup rows by month and by day are left to the fold. A response counts in twenty-odd of them, and nearly
            // every batch adds to the same rows of the districts and the province: on PostgreSQL the lanes queued behind
            // each other's row locks on them (1,439 responses/s folded in the batch, 2,130/s folded apart); on SQLite
            // merging them was three quarters of the one writer's time (2,226/s; folded apart, see PendingRollupFold).
            var counts = new ResponseCounts(foldLater: true);
            foreach (var pending in written)
            {
                counts.Add(pending.Response, pending.Lineage, pending.Level);
            }

            await counts.WriteAsync(connection, transaction, CancellationToken.None);
            await transaction.CommitAsync();
            _metrics.ResponsesStored.Add(written.Count);
            _metrics.WriterBatchSize.Record(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch
        {
            // A broken connection is replaced on the next batch.
            await connection.DisposeAsync();
            lane.Connection = null;
            throw;
        }
    }

    /// <summary>Which of the batch are new, and which repeat an id or a receipt code already stored or earlier in the batch.</summary>
    private static async Task<WriteResult[]> DecideAsync(DbConnection connection, DbTransaction transaction, List<Pending> batch)
    {
        var results = new WriteResult[batch.Count];
        var maybeStored = batch.Where(p => p.MayExist).Select(p => p.Response.Id).ToList();
        var storedIds = maybeStored.Count == 0 ? [] : await ExistingAsync(connection, transaction,
            "SELECT \"Id\" FROM \"SurveyResponses\" WHERE \"Id\" = ANY(@p0)", [maybeStored.ToArray()],
            "SELECT \"Id\" FROM \"SurveyResponses\" WHERE \"Id\" = @p0", maybeStored.Select(id => new object[] { id }),
            r => (object)r.GetGuid(0));
        var receipts = batch.Where(p => p.Response.ReceiptHash is not null).Select(p => p.Response).ToList();
        var storedReceipts = receipts.Count == 0 ? [] : await ExistingAsync(connection, transaction,
            "SELECT \"UnitId\", \"ReceiptHash\" FROM \"SurveyResponses\" WHERE \"ReceiptHash\" = ANY(@p0)", [receipts.Select(r => r.ReceiptHash!).Distinct().ToArray()],
            "SELECT \"UnitId\", \"ReceiptHash\" FROM \"SurveyResponses\" WHERE \"UnitId\" = @p0 AND \"ReceiptHash\" = @p1", receipts.Select(r => new object[] { r.UnitId, r.ReceiptHash! }),
            r => (r.GetInt32(0), r.GetString(1)));
        var ids = new HashSet<Guid>();
        for (var i = 0; i < batch.Count; i++)
        {
            var response = batch[i].Response;
            results[i] = storedIds.Contains(response.Id) || !ids.Add(response.Id) ? WriteResult.AlreadyStored
                : response.ReceiptHash is { } hash && !storedReceipts.Add((response.UnitId, hash)) ? WriteResult.DuplicateReceipt
                : WriteResult.Written;
        }

        return results;
    }

    /// <summary>Looks keys up: on PostgreSQL all at once with an array; on SQLite (in process, no round trips) one by one.</summary>
    private static async Task<HashSet<object>> ExistingAsync(
        DbConnection connection, DbTransaction transaction, string postgresSql, object[] postgresArguments, string sqliteSql, IEnumerable<object[]> sqliteArguments,
        Func<DbDataReader, object> key)
    {
        var found = new HashSet<object>();
        async Task ReadAsync(DbCommand command)
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                found.Add(key(reader));
            }
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (connection is NpgsqlConnection)
        {
            command.CommandText = postgresSql;
            command.Parameters.Add(new NpgsqlParameter("p0", postgresArguments[0]));
            await ReadAsync(command);
            return found;
        }

        command.CommandText = sqliteSql;
        foreach (var arguments in sqliteArguments)
        {
            command.Parameters.Clear();
            for (var i = 0; i < arguments.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("@p" + i, BulkRows.SqliteValue(arguments[i])));
            }

            await ReadAsync(command);
        }

        return found;
    }

    private async Task<DbConnection> OpenAsync()
    {
        await using var scope = _scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<AppDb>().Database;
        var connectionString = database.GetConnectionString();
        DbConnection connection = database.IsNpgsql() ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        if (connection is SqliteConnection)
        {
            await using var pragma = connection.CreateCommand();
            // Durable at commit: the write-ahead log is synced before COMMIT returns (WAL is set when the database opens).
            // Foreign keys stay unchecked on this connection (EF turns them on for its own): every id in a batch was just
            // checked against the directory and the questionnaire, and three index probes per answer row would halve the rate.
            // A larger checkpoint interval: rollup pages are rewritten by every batch, and each checkpoint copies a page once
            // however many times the log holds it, so checkpointing less often copies far fewer pages.
            pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=10000;";
            await pragma.ExecuteNonQueryAsync();
        }

        return connection;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        // Finish what is queued before the process lets go of the database.
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            await _loop.Value;
        }
    }
}

/// <summary>
/// Part of <c>/health/ready</c>: a copy whose writer cannot keep up (its queue nine-tenths full, so posts are about to
/// wait) is not ready, and the proxy sends new citizens to another copy until it has caught up.
/// </summary>
internal sealed class SurveyWriterHealthCheck(SurveyWriter writer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var waiting = writer.QueueLength;
        return Task.FromResult(waiting >= writer.Capacity * 9 / 10
            ? HealthCheckResult.Unhealthy($"{waiting} survey responses wait for the writer.")
            : waiting >= writer.Capacity / 2
                ? HealthCheckResult.Degraded($"{waiting} survey responses wait for the writer.")
                : HealthCheckResult.Healthy());
    }
}
