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
            builder.Services.AddSingleton(new RedisConnection(configuration));
            builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        }

        return builder;
    }
}

/// <summary>One connection per copy, opened on first use and kept (StackExchange.Redis reconnects by itself).</summary>
public sealed class RedisConnection(string configuration) : IAsyncDisposable
{
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
    /// The database while the connection is up, else null: a caller on a request's path falls back at once instead
    /// of waiting for commands queued behind a reconnect to time out.
    /// </summary>
    public async Task<IDatabase?> ConnectedDatabaseAsync()
    {
        var connection = await _connection.Value;
        return connection.IsConnected ? connection.GetDatabase() : null;
    }

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
