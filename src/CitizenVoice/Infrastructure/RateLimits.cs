using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

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
        builder.Services.AddSingleton<SharedRateLimiterLog>();
        return builder;
    }

    /// <summary>
    /// A client's limit: shared by every copy of the app through Redis when it is configured, else counted here.
    /// </summary>
    private static RateLimitPartition<string> PerClient(HttpContext http, string policy, int perMinute)
    {
        var limit = new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) };
        var client = ClientOf(http);
        var redis = http.RequestServices.GetService<RedisConnection>();
        if (redis is null)
        {
            return RateLimitPartition.GetFixedWindowLimiter(client, _ => limit);
        }

        var services = http.RequestServices;
        return RateLimitPartition.Get(client, key => new SharedRateLimiter(
            redis, $"{policy}:{key}", limit, services.GetRequiredService<SharedRateLimiterLog>(), services.GetRequiredService<TimeProvider>()));
    }

    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
