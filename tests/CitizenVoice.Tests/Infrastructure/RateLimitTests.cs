using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Tests.Dialogues;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>
/// Per-client limits, seen from several clients: an app of its own with a tiny public-write limit, one trusted reverse
/// proxy and one trusted proxy network. Each test's clients have addresses of their own.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.ThrottledApp app) : IClassFixture<RateLimitTests.ThrottledApp>
{
    private const string TrustedProxy = "10.99.0.1";
    private const string AddressInTrustedNetwork = "172.20.3.4";

    private readonly ThrottledApp _app = app;

    public sealed class ThrottledApp : CitizenVoiceApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("RateLimits:PublicWritesPerMinute", "2"),
            new("ForwardedHeaders:KnownProxies:0", TrustedProxy),
            new("ForwardedHeaders:KnownNetworks:0", "172.16.0.0/12"),
        ];
    }

    [Fact]
    public async Task Questions_are_rate_limited_per_client_but_reading_the_session_page_never_is()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(_app);
        using var client = _app.CreateClientFrom(CitizenVoiceApp.NewClientAddress());
        for (var i = 0; i < 5; i++)
        {
            using var read = await client.GetAsync($"/doi-thoai/{sessionId}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], await AskAsync(client, sessionId, 3));
    }

    [Fact]
    public async Task Two_clients_with_different_addresses_have_limits_of_their_own()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(_app);
        using var first = _app.CreateClientFrom("10.1.0.1");
        using var second = _app.CreateClientFrom("10.1.0.2");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], await AskAsync(first, sessionId, 3));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], await AskAsync(second, sessionId, 2));
    }

    [Fact]
    public async Task A_forged_X_Forwarded_For_from_an_untrusted_address_does_not_get_a_fresh_limit()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(_app);
        using var client = _app.CreateClientFrom("10.2.0.1");
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], await AskAsync(client, sessionId, 2));

        for (var i = 1; i <= 3; i++)
        {
            using var forged = await AskAsync(client, sessionId, forwardedFor: $"203.0.113.{i}");
            Assert.Equal(HttpStatusCode.TooManyRequests, forged.StatusCode);
            var problem = await forged.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Quá nhiều yêu cầu", problem.GetProperty("title").GetString());
        }
    }

    [Theory]
    [InlineData(TrustedProxy)]
    [InlineData(AddressInTrustedNetwork)]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_a_limit_of_its_own(string proxy)
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(_app);
        using var viaProxy = _app.CreateClientFrom(proxy);
        var citizen = proxy == TrustedProxy ? "198.51.100.7" : "198.51.100.8";
        var neighbour = proxy == TrustedProxy ? "198.51.100.9" : "198.51.100.10";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await AskAsync(viaProxy, sessionId, forwardedFor: citizen);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        using var other = await AskAsync(viaProxy, sessionId, forwardedFor: neighbour);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    private static async Task<List<HttpStatusCode>> AskAsync(HttpClient client, int sessionId, int times)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < times; i++)
        {
            using var sent = await AskAsync(client, sessionId);
            statuses.Add(sent.StatusCode);
        }

        return statuses;
    }

    private static async Task<HttpResponseMessage> AskAsync(HttpClient client, int sessionId, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/dialogues/{sessionId}/questions")
        {
            Content = JsonContent.Create(new { text = $"Câu hỏi gửi liên tiếp số {Guid.NewGuid():N}." }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }
}
