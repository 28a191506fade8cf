using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// Redis, when configured (<c>Redis:ConnectionString</c>), joins the app's copies: the live room's backplane uses it,
/// and a copy that cannot reach it is not ready, so the proxy sends its visitors to a copy that can.
/// </summary>
public static class RedisSetup
{
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration["Redis:ConnectionString"] is { Length: > 0 } configuration)
        {
            builder.Services.AddSingleton(sp => new RedisConnection(configuration, sp.GetRequiredService<ILogger<RedisConnection>>()));
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }

        return builder;
    }
}

/// <summary>One connection per copy, opened on first use and kept (StackExchange.Redis reconnects by itself).</summary>
public sealed class RedisConnection(string configuration, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    // INCR each key and give a new one its expiry, in one round trip, so no key lives forever if a copy dies between.
    private static readonly LuaScript IncrementScript = LuaScript.Prepare(
        "local r = {} for i, k in ipairs(KEYS) do r[i] = redis.call('INCR', k) if r[i] == 1 then redis.call('PEXPIRE', k, ARGV[1]) end end return r");

    private int _failing;

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() =>
    {
        var options = ConfigurationOptions.Parse(configuration);
        // A copy must start and answer its health check even while Redis is down, and say so quickly.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.AsyncTimeout = 2000;
        return ConnectionMultiplexer.ConnectAsync(options);
    });

    public async Task<IDatabase> DatabaseAsync() => (await _connection.Value).GetDatabase();

    /// <summary>
    /// Runs <paramref name="command"/> while the connection is up. While it is down, or when the command fails, returns
    /// null at once (a caller on a request's path does not wait for commands queued behind a reconnect) and the caller
    /// does the work on this copy alone. The log says so once when Redis stops answering and once when it is back.
    /// </summary>
    public async Task<T?> TryAsync<T>(Func<IDatabase, Task<T>> command) where T : class
    {
        var connection = await _connection.Value;
        try
        {
            if (!connection.IsConnected)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Not connected.");
            }

            var result = await command(connection.GetDatabase());
            if (Interlocked.Exchange(ref _failing, 0) == 1)
            {
                logger.LogInformation("Redis answers again: the copies of the app share limits and counts through it");
            }

            return result;
        }
        catch (RedisException e)
        {
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                logger.LogWarning(e, "Redis does not answer: limits and counts are kept by each copy of the app on its own until it does");
            }

            return null;
        }
    }

    /// <summary>Adds one to each counter (a new one lives <paramref name="lifetime"/>); the new counts, or null as <see cref="TryAsync"/>.</summary>
    public Task<long[]?> IncrementAsync(RedisKey[] keys, TimeSpan lifetime) =>
        TryAsync(async db => (long[])(await db.ScriptEvaluateAsync(IncrementScript.ExecutableScript, keys, [(long)lifetime.TotalMilliseconds]))!);

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }
}

internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await redis.DatabaseAsync();
            await database.PingAsync();
            return HealthCheckResult.Healthy();
        }
        catch (RedisException e)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", e);
        }
    }
}
