using CitizenVoice.Features.Visitors;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Visitors;

/// <summary>
/// An app whose visitor counts are flushed only when a test says so (or when it stops), on a clock the test sets, so
/// that every figure in the box is known exactly.
/// </summary>
public sealed class VisitorApp : CitizenVoiceApp
{
    public VisitorApp(DateTimeOffset? now = null) => Clock = new TestClock(now ?? DateTimeOffset.UtcNow);

    /// <summary>Another copy on <paramref name="databaseOf"/>'s database, on the same clock.</summary>
    public VisitorApp(VisitorApp databaseOf) : base(databaseOf) => Clock = databaseOf.Clock;

    public new TestClock Clock { get; }

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Visitors:FlushInterval", "01:00:00")];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>What the timer does: this copy's counts into the database, everyone's figures back.</summary>
    public Task FlushAsync() => Services.GetRequiredService<VisitorFlushService>().FlushAsync(CancellationToken.None);

    /// <summary>A visitor with a browser: keeps cookies, comes from an address of its own.</summary>
    public HttpClient Browser(string? address = null) => Agent("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36", address);

    public HttpClient Agent(string userAgent, string? address = null)
    {
        var client = CreateClientFrom(address ?? NewClientAddress());
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }
}

public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
