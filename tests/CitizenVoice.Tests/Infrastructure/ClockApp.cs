using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>A clock a test moves forward: the app reads the time from it as it would from the system clock.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>
/// An app with a database of its own whose clock the tests move (months ahead, for retention times), so what it does
/// to time never reaches tests on the shared app.
/// </summary>
public sealed class ClockApp : CitizenVoiceApp
{
    public TestClock TestClock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(TestClock));
    }
}
