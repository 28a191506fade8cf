using System.Threading.RateLimiting;

namespace CitizenVoice.Infrastructure;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Public writes (forms, API posts) per client address per minute.</summary>
    public int PublicWritesPerMinute { get; set; } = 60;

    /// <summary>Public writes per minute from everybody together: a ceiling that protects the database.</summary>
    public int PublicWritesGlobalPerMinute { get; set; } = 600_000;

    /// <summary>Public reads of the JSON API per client address per minute.</summary>
    public int ApiReadsPerMinute { get; set; } = 600;
}

public static class RateLimits
{
    public const string PublicWrite = "public-write";
    public const string ApiRead = "api-read";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A page that takes posts (a question form) is also read by everyone: only its writes count.
            o.AddPolicy(PublicWrite, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reads")
                : PerClient(http, PublicWrite, limits.PublicWritesPerMinute));
            o.AddPolicy(ApiRead, http => PerClient(http, ApiRead, limits.ApiReadsPerMinute));
            // The ceiling on everybody's writes protects each copy's share of the database: it stays per copy.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("reads")
                    : RateLimitPartition.GetFixedWindowLimiter("writes", _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PublicWritesGlobalPerMinute, Window = TimeSpan.FromMinutes(1),
                    }));
        });
        return builder;
    }

    /// <summary>
    /// A client's limit of <paramref name="permits"/> per <paramref name="window"/> (a minute unless said): shared by
    /// every copy of the app through Redis when it is configured, else counted here. <paramref name="name"/> keeps
    /// limits of different kinds apart.
    /// </summary>
    public static RateLimitPartition<string> PerClient(HttpContext http, string name, int permits, TimeSpan? window = null)
    {
        var limit = new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window ?? TimeSpan.FromMinutes(1) };
        var key = $"{name}:{ClientOf(http)}";
        return http.RequestServices.GetService<RedisConnection>() is { } redis
            ? RateLimitPartition.Get(key, k => new SharedRateLimiter(redis, k, limit, http.RequestServices.GetRequiredService<TimeProvider>()))
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => limit);
    }

    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
