using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CitizenVoice.Tests.Dialogues;

/// <summary>
/// Two copies of the app that share nothing but Redis: an answer given on one reaches a viewer connected to the
/// other. Uses CV_TEST_REDIS when ./test.sh provides a server, otherwise starts Debian's redis-server itself.
/// (Each copy has its own database here; the push depends only on the session id, which is what is under test.)
/// </summary>
public sealed class TwoNodeLiveRoomTests : IAsyncLifetime
{
    private string _redisAddress = "";
    private RedisNode? _a;
    private RedisNode? _b;

    private sealed class RedisNode(string redis) : CitizenVoiceApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Redis:ConnectionString", redis)];
    }

    public async Task InitializeAsync()
    {
        _redisAddress = await TestRedis.AddressAsync();
        _a = new RedisNode(_redisAddress);
        _b = new RedisNode(_redisAddress);
    }

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

    }

    [Fact]
    public async Task A_copy_is_ready_only_while_it_reaches_Redis_and_its_database()
    {
        using var client = _a!.CreateClient();
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        // A copy configured for a Redis that does not answer (a closed port) is up but not ready.
        using var cut = new RedisNode(TestRedis.Unreachable());
        using var cutClient = cut.CreateClient();
        using (var live = await cutClient.GetAsync("/health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        using var notReady = await cutClient.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
    }

    private static async Task<HubConnection> ViewerAsync(CitizenVoiceApp node, int sessionId)
    {
        var viewer = new HubConnectionBuilder()
            .WithUrl(new Uri(node.Server.BaseAddress, LiveRoomHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => node.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        await viewer.StartAsync();
        await viewer.InvokeAsync<int>("Join", sessionId);
        return viewer;
    }

    [Fact]
    public async Task The_viewer_count_is_the_total_over_both_copies_and_drops_when_viewers_leave()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(_a!, "BK-NS", DialogueStatus.Live);
        var viewers = new List<HubConnection>();
        try
        {
            viewers.Add(await ViewerAsync(_a!, sessionId));
            viewers.Add(await ViewerAsync(_a!, sessionId));
            for (var i = 0; i < 3; i++)
            {
                viewers.Add(await ViewerAsync(_b!, sessionId));
            }

            // Each copy publishes its share every few seconds; both soon show all five.
            await WaitForCountAsync(viewers[0], sessionId, 5);
            await WaitForCountAsync(viewers[^1], sessionId, 5);

            await viewers[^1].DisposeAsync();
            viewers.RemoveAt(viewers.Count - 1);
            await WaitForCountAsync(viewers[0], sessionId, 4);
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }
        }
    }

    private static async Task WaitForCountAsync(HubConnection viewer, int sessionId, int expected)
    {
        var seen = -1;
        for (var i = 0; i < 60 && seen != expected; i++)
        {
            // Joining again on the same connection counts it once and answers the current total.
            seen = await viewer.InvokeAsync<int>("Join", sessionId);
            if (seen != expected)
            {
                await Task.Delay(250);
            }
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task A_viewer_who_was_away_gets_the_answers_given_meanwhile_from_the_room_state()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(_a!, "BK-NS", DialogueStatus.Live);
        var opinionId = await DialogueTestData.AddOpinionAsync(_a!, sessionId, "Câu hỏi được trả lời khi người xem mất sóng.", OpinionStatus.Approved);
        using (var secretary = _a!.CreateStaffClient())
        {
            await secretary.SignInAsync("thuky");
            using var _ = await secretary.SubmitFormAsync($"/quan-tri/doi-thoai/{sessionId}/dieu-phoi",
                [new("opinionId", opinionId.ToString()), new("answer", "Trả lời khi người xem vắng mặt."), new("timing", "OnTheSpot"), new("answeredBy", ""), new("unitId", "")],
                formAction: "handler=Answer");
        }

        await using var back = await ViewerAsync(_a!, sessionId);
        var state = await back.InvokeAsync<JsonElement>("State", sessionId);

        var question = state.GetProperty("queue").EnumerateArray().Single(q => q.GetProperty("id").GetInt32() == opinionId);
        Assert.Equal("Trả lời khi người xem vắng mặt.", question.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task An_answer_given_on_one_node_reaches_a_viewer_connected_to_the_other_through_Redis()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(_a!, "BK-NS", DialogueStatus.Live);
        var opinionId = await DialogueTestData.AddOpinionAsync(_a!, sessionId, "Câu hỏi gửi tới nút A, người xem ở nút B.", OpinionStatus.Approved);

        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var viewer = new HubConnectionBuilder()
            .WithUrl(new Uri(_b!.Server.BaseAddress, LiveRoomHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => _b.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        viewer.On<JsonElement, int>("answer", (q, _) => answer.TrySetResult(q));
        await viewer.StartAsync();
        await viewer.InvokeAsync<int>("Join", sessionId);

        using var secretary = _a!.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        using (var _ = await secretary.SubmitFormAsync($"/quan-tri/doi-thoai/{sessionId}/dieu-phoi",
                   [new("opinionId", opinionId.ToString()), new("answer", "Trả lời từ nút A."), new("timing", "OnTheSpot"), new("answeredBy", ""), new("unitId", "")],
                   formAction: "handler=Answer")) { }

        var received = await answer.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(opinionId, received.GetProperty("id").GetInt32());
        Assert.Equal("Trả lời từ nút A.", received.GetProperty("answer").GetString());
    }
}
