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
                : RateLimitPartition.GetFixedWindowLimiter(
                    ClientOf(http), _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PublicWritesPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(ApiRead, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientOf(http), _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.ApiReadsPerMinute, Window = TimeSpan.FromMinutes(1) }));
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

    private static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
