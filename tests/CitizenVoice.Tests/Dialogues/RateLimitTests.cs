using System.Net;
using System.Net.Http.Json;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Dialogues;

/// <summary>An app of its own with a tiny public-write limit, so the limit can be reached in a test.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly ThrottledApp _app = new();

    private sealed class ThrottledApp : CitizenVoiceApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RateLimits:PublicWritesPerMinute", "2")];
    }

    [Fact]
    public async Task Questions_are_rate_limited_per_client_but_reading_the_session_page_never_is()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(_app);
        using var client = _app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var read = await client.GetAsync($"/doi-thoai/{sessionId}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var sent = await client.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions", new { text = $"Câu hỏi số {i} gửi liên tiếp." });
            statuses.Add(sent.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }

    public void Dispose() => _app.Dispose();
}
