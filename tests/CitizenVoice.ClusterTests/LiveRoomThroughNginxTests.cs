using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using CitizenVoice.Data;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace CitizenVoice.ClusterTests;

/// <summary>The live room on two copies behind nginx: every viewer counted, none left behind when a copy dies.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveRoomThroughNginxTests(Cluster cluster, ITestOutputHelper output)
{
    private const int Viewers = 8;

    /// <summary>A viewer as the live-room page is one: connected through nginx from its own address, catching up on reconnect.</summary>
    private sealed class Viewer : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly int _sessionId;

        public Viewer(Uri nginx, int sessionId)
        {
            _sessionId = sessionId;
            var source = Clients.NewAddress();
            _connection = new HubConnectionBuilder()
                .WithUrl(new Uri(nginx, LiveRoomHub.Path), o =>
                {
                    o.HttpMessageHandlerFactory = _ => Handler(source);
                    // The WebSocket too leaves from the viewer's own address, so nginx keeps it on the viewer's copy.
                    o.WebSocketFactory = async (context, cancellationToken) =>
                    {
                        var socket = new ClientWebSocket();
                        await socket.ConnectAsync(context.Uri, new HttpMessageInvoker(Handler(source)), cancellationToken);
                        return socket;
                    };
                })
                .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)])
                .Build();
            _connection.On<JsonElement, int>("answer", (q, _) => Answers[q.GetProperty("id").GetInt32()] = q.GetProperty("answer").GetString()!);
            _connection.Reconnecting += _ =>
            {
                Interlocked.Increment(ref Reconnects);
                return Task.CompletedTask;
            };
            _connection.Reconnected += async _ =>
            {
                await _connection.InvokeAsync<int>("Join", _sessionId);
                // What live-room.js does: take the room as it is now.
                var state = await _connection.InvokeAsync<JsonElement>("State", _sessionId);
                foreach (var q in state.GetProperty("queue").EnumerateArray().Where(q => q.GetProperty("answer").ValueKind == JsonValueKind.String))
                {
                    Answers[q.GetProperty("id").GetInt32()] = q.GetProperty("answer").GetString()!;
                }

                ReconnectedAt = Stopwatch.GetTimestamp();
            };
        }

        public ConcurrentDictionary<int, string> Answers { get; } = new();

        public int Reconnects;

        public long? ReconnectedAt { get; private set; }

        public async Task<int> JoinAsync()
        {
            if (_connection.State == HubConnectionState.Disconnected)
            {
                await _connection.StartAsync();
            }

            return await _connection.InvokeAsync<int>("Join", _sessionId);
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();

        private static SocketsHttpHandler Handler(IPAddress source) => new()
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
    }

    [Fact]
    public async Task Viewers_on_both_copies_are_counted_together_and_after_a_copy_is_killed_every_viewer_has_the_answer_given_meanwhile()
    {
        int sessionId, opinionId;
        await using (var db = new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(cluster.ConnectionString).Options))
        {
            sessionId = await DialogueTestData.CreateSessionAsync(db, "BK-NS", DialogueStatus.Live);
            opinionId = await DialogueTestData.AddOpinionAsync(db, sessionId, "Câu hỏi được trả lời khi một máy chủ vừa hỏng.", OpinionStatus.Approved);
        }

        var victim = cluster.Copies[1];
        var viewers = Enumerable.Range(0, Viewers).Select(_ => new Viewer(cluster.Address, sessionId)).ToList();
        try
        {
            foreach (var viewer in viewers)
            {
                await viewer.JoinAsync();
            }

            // Every copy publishes its share every few seconds: each viewer soon sees all of them, wherever it is.
            await Cluster.WaitAsync(async () => (await Task.WhenAll(viewers.Select(v => v.JoinAsync()))).All(n => n == Viewers),
                $"the viewers did not all see {Viewers} viewers", seconds: 30);

            using var http = Clients.From(Clients.NewAddress(), cluster.Address, keepCookies: true);
            var secretary = new StaffClient(http);
            await secretary.SignInAsync("thuky");

            var killedAt = Stopwatch.GetTimestamp();
            victim.Kill();

            // The secretary answers on the surviving copy while the dead copy's viewers are reconnecting. A post that
            // nginx had sent to the dead copy is not sent again (it might have been stored): like a person, press again.
            for (var attempt = 0; ; attempt++)
            {
                using var answered = await secretary.SubmitFormAsync($"/quan-tri/doi-thoai/{sessionId}/dieu-phoi",
                    [new("opinionId", opinionId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("answer", "Trả lời trong lúc một máy chủ hỏng."),
                     new("timing", "OnTheSpot"), new("answeredBy", ""), new("unitId", "")],
                    formAction: "handler=Answer");
                if (answered.StatusCode != HttpStatusCode.BadGateway || attempt == 3)
                {
                    Assert.True((int)answered.StatusCode < 400, $"answer: {(int)answered.StatusCode}");
                    break;
                }
            }

            await Cluster.WaitAsync(() => Task.FromResult(viewers.All(v => v.Answers.ContainsKey(opinionId))),
                "a viewer never got the answer given while its copy was down", seconds: 60);
            var moved = viewers.Where(v => v.Reconnects > 0).ToList();
            Assert.NotEmpty(moved);
            Assert.All(viewers, v => Assert.Equal("Trả lời trong lúc một máy chủ hỏng.", v.Answers[opinionId]));
            var slowest = moved.Max(v => Stopwatch.GetElapsedTime(killedAt, v.ReconnectedAt ?? Stopwatch.GetTimestamp()));
            output.WriteLine($"{moved.Count} of {Viewers} viewers were on the killed copy; all reconnected within {slowest.TotalSeconds:0.0} s and had the answer");

            // The dead copy's share expires: the count comes back to the viewers there are.
            await Cluster.WaitAsync(async () => (await viewers[0].JoinAsync()) == Viewers, "the count did not settle after the kill", seconds: 30);
        }
        finally
        {
            foreach (var viewer in viewers)
            {
                await viewer.DisposeAsync();
            }

            if (!victim.IsRunning)
            {
                victim.Start();
                await victim.WaitReadyAsync();
            }
        }
    }
}
