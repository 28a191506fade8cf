using CitizenVoice.Data;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Visitors;

/// <summary>
/// Adds this copy's counts to the database and reads every copy's figures back: once at start (so a restarted copy
/// shows the stored totals at once), every <see cref="VisitorOptions.FlushInterval"/>, and a last time after the web
/// server has stopped taking requests, so a restart or a deployment loses no view.
/// </summary>
public sealed class VisitorFlushService(VisitorCounter counter, GeneratedKeys keys, IServiceScopeFactory scopes, IOptions<VisitorOptions> options,
    ILogger<VisitorFlushService> logger) : BackgroundService, IHostedLifecycleService
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.FlushInterval);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await FlushAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The counts stay in memory and go with the next flush; a busy database costs nothing but delay.
                    logger.LogWarning(e, "Visitor counts could not be written; they will be with the next flush");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Writes what this copy counted, then reads the stored figures (which then include it).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            if (!counter.HasKey)
            {
                // Every copy hashes visitors with the one shared key, so a visitor who reaches two copies is one visitor.
                counter.UseKey(await keys.GetAsync("visitors", ct));
            }

            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<VisitorStore>();
            var batch = counter.TakeBatch();
            await store.WriteAsync(batch, ct);
            counter.Written(batch);
            counter.Read(await store.ReadAsync(ct));
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Runs after every hosted service has stopped, the web server included (which first lets requests in progress
    /// finish): no view can be counted after this flush.
    /// </summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The last visitor counts could not be written at shutdown");
        }
    }

    /// <summary>Before the web server takes requests: the first page after a restart already shows the stored totals.</summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Visitor figures could not be read at start; the box shows them after the next flush");
        }
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Dispose()
    {
        _oneAtATime.Dispose();
        base.Dispose();
    }
}
