using System.Net;
using System.Text;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>
/// Two copies of the app behind one proxy share their clients' limits through Redis: a client gets the limit once,
/// not once per copy. (Each copy has its own database here; the limits depend only on Redis.)
/// </summary>
public sealed class SharedRateLimitTests
{
    private const int Limit = 4;

    private sealed class LimitedCopy(string redis) : CitizenVoiceApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
            [new("Redis:ConnectionString", redis), new("RateLimits:PublicWritesPerMinute", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task A_client_gets_the_public_write_limit_once_across_two_copies_not_once_per_copy()
    {
        var redis = await TestRedis.AddressAsync();
        await using var a = new LimitedCopy(redis);
        await using var b = new LimitedCopy(redis);

        var accepted = await PostAlternatelyAsync(a, b, 2 * Limit + 2);

        Assert.Equal(Limit, accepted);
    }

    [Fact]
    public async Task While_Redis_is_down_each_copy_still_limits_its_clients_on_its_own()
    {
        var down = TestRedis.Unreachable();
        await using var a = new LimitedCopy(down);
        await using var b = new LimitedCopy(down);

        var accepted = await PostAlternatelyAsync(a, b, 2 * Limit + 2);

        Assert.Equal(2 * Limit, accepted);
    }

    /// <summary>Posts as one client, alternating between the copies as a round-robin proxy does; counts what was not refused.</summary>
    private static async Task<int> PostAlternatelyAsync(CitizenVoiceApp a, CitizenVoiceApp b, int posts)
    {
        var address = CitizenVoiceApp.NewClientAddress();
        using var toA = a.CreateClientFrom(address);
        using var toB = b.CreateClientFrom(address);
        // A limit's window is a minute of the clock: start well inside one, so that all posts fall in it.
        var second = DateTime.UtcNow.Second;
        if (second > 50)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - second));
        }

        var accepted = 0;
        for (var i = 0; i < posts; i++)
        {
            // An empty feedback is refused as invalid (400) but still counts against the limit, as any post does.
            using var body = new StringContent("{}", Encoding.UTF8, "application/json");
            using var response = await (i % 2 == 0 ? toA : toB).PostAsync("/api/v1/feedback", body);
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                accepted++;
            }
        }

        return accepted;
    }
}
