using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using CitizenVoice.Data;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.ClusterTests;

/// <summary>
/// The live room as citizens watch it, in real browsers (Debian's Chromium) running the page's own live-room.js,
/// through nginx onto both copies: when a copy dies, its viewers come back on the other and their screens catch up.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LiveRoomBrowsersThroughNginxTests(Cluster cluster, ITestOutputHelper output) : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<BoundProxy> _proxies = [];

    /// <summary>One browser watching the live room, from its own address.</summary>
    private sealed record Viewer(IPage Page, BoundProxy Proxy, AppCopy Copy, ConcurrentQueue<long> WebSocketsOpenedAt, ConcurrentQueue<string> HubFailures);

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }
    }

    private async Task<Viewer> OpenLiveRoomAsync(int sessionId)
    {
        var proxy = new BoundProxy(Clients.NewAddress());
        _proxies.Add(proxy);
        // Chromium sends loopback addresses past any proxy unless told not to ("<-loopback>").
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = cluster.Address.ToString(),
            Locale = "vi-VN",
            Proxy = new Proxy { Server = proxy.Server, Bypass = "<-loopback>" },
        });
        var page = await context.NewPageAsync();
        // Which copy nginx gave this viewer: its answer to the SignalR negotiation names it.
        var negotiated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failures = new ConcurrentQueue<string>();
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/hubs/", StringComparison.Ordinal) && response.Status >= 500)
            {
                failures.Enqueue($"{response.Status} {response.Request.Method} {response.Url}");
            }

            if (response.Url.Contains("/negotiate", StringComparison.Ordinal) && response.Headers.TryGetValue("x-upstream", out var upstream))
            {
                negotiated.TrySetResult(upstream);
            }
        };
        // A WebSocket is open once the hub's handshake answer arrives on it (its first frame).
        var opened = new ConcurrentQueue<long>();
        page.WebSocket += (_, socket) =>
        {
            var first = 0;
            socket.FrameReceived += (_, _) =>
            {
                if (Interlocked.Exchange(ref first, 1) == 0)
                {
                    opened.Enqueue(Stopwatch.GetTimestamp());
                }
            };
        };
        page.Console += (_, message) => output.WriteLine($"browser {proxy.Source}: {message.Type}: {message.Text}");
        await page.GotoAsync($"/doi-thoai/{sessionId}/truc-tiep");
        // The viewer count replaces "–" once the page has joined the session's live updates.
        await Expect(page.Locator("#viewer-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"), new() { Timeout = 30_000 });
        await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        var last = (await negotiated.Task.WaitAsync(TimeSpan.FromSeconds(30))).Split(',').Last().Trim();
        return new Viewer(page, proxy, cluster.Copies.Single(c => last == $"127.0.0.1:{c.Port}"), opened, failures);
    }

    [Fact]
    public async Task Browsers_watching_the_live_room_on_a_killed_copy_reconnect_to_the_other_and_show_the_answers_given_while_they_were_away()
    {
        int sessionId, first, second;
        await using (var db = new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(cluster.ConnectionString).Options))
        {
            sessionId = await DialogueTestData.CreateSessionAsync(db, "BK-NS", DialogueStatus.Live);
            first = await DialogueTestData.AddOpinionAsync(db, sessionId, "Câu hỏi thứ nhất, trả lời khi một máy chủ vừa hỏng.", OpinionStatus.Approved);
            second = await DialogueTestData.AddOpinionAsync(db, sessionId, "Câu hỏi thứ hai, trả lời khi mọi người đã vào lại.", OpinionStatus.Approved);
        }

        var victim = cluster.Copies[1];
        var survivor = cluster.Copies[0];
        // Browsers until both copies have viewers: four on the copy to be killed (two of them lose their signal as well,
        // see below), two on the other. nginx spreads viewers by address, so how many that takes varies.
        var viewers = new List<Viewer>();
        while (viewers.Count(v => v.Copy == victim) < 4 || viewers.Count(v => v.Copy == survivor) < 2)
        {
            Assert.True(viewers.Count < 16, "nginx sent 16 browsers from different addresses to one copy");
            viewers.Add(await OpenLiveRoomAsync(sessionId));
        }

        var onVictim = viewers.Where(v => v.Copy == victim).ToList();
        // Half of the dead copy's viewers cannot reach anything until the first answer is stored (a lost signal as the
        // copy dies): they can only have it from catching up. The others reconnect as fast as they can.
        var away = onVictim.Take(2).ToList();
        var natural = onVictim.Skip(2).ToList();
        output.WriteLine($"{viewers.Count} browsers: {onVictim.Count} on the copy to be killed, {viewers.Count - onVictim.Count} on the other");

        using var http = Clients.From(Clients.NewAddress(), cluster.Address, keepCookies: true);
        var secretary = new StaffClient(http);
        await secretary.SignInAsync("thuky");
        try
        {
            foreach (var viewer in away)
            {
                viewer.Proxy.Hold();
            }

            var killedAt = Stopwatch.GetTimestamp();
            victim.Kill();
            const string FirstAnswer = "Trả lời thứ nhất, trong lúc một máy chủ hỏng.";
            await AnswerAsync(secretary, sessionId, first, FirstAnswer);
            var firstStoredAt = Stopwatch.GetTimestamp();
            foreach (var viewer in away)
            {
                viewer.Proxy.Release();
            }

            foreach (var viewer in viewers)
            {
                await Expect(viewer.Page.Locator($"#queue li[data-id=\"{first}\"] .live-answer")).ToContainTextAsync(FirstAnswer, new() { Timeout = 60_000 });
            }

            // Every viewer of the dead copy opened a new connection, those that were away only after the answer was stored.
            await Cluster.WaitAsync(() => Task.FromResult(onVictim.All(v => v.WebSocketsOpenedAt.Count >= 2)), "a viewer of the killed copy never reconnected", seconds: 60);
            Assert.All(away, v => Assert.True(v.WebSocketsOpenedAt.Last() > firstStoredAt, "a viewer that was away reconnected before the answer was stored"));
            var reconnected = natural.Select(v => Stopwatch.GetElapsedTime(killedAt, v.WebSocketsOpenedAt.Last()).TotalSeconds).ToList();
            output.WriteLine($"viewers of the killed copy reconnecting at once were back within {reconnected.Max():0.00} s of the kill " +
                $"({string.Join(", ", reconnected.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))} s); the answer was stored " +
                $"{Stopwatch.GetElapsedTime(killedAt, firstStoredAt).TotalSeconds:0.00} s after the kill; those away were back within " +
                $"{away.Max(v => Stopwatch.GetElapsedTime(firstStoredAt, v.WebSocketsOpenedAt.Last()).TotalSeconds):0.00} s of their signal returning");

            // nginx sent a reconnecting viewer's first request, which may have reached the dying copy, on to the other
            // copy: no viewer was answered 502 and left to wait for its next try.
            Assert.Empty(viewers.SelectMany(v => v.HubFailures));

            // All back on one copy: the next answer reaches every screen live.
            const string SecondAnswer = "Trả lời thứ hai, khi mọi người đã vào lại.";
            await AnswerAsync(secretary, sessionId, second, SecondAnswer);
            foreach (var viewer in viewers)
            {
                await Expect(viewer.Page.Locator($"#queue li[data-id=\"{second}\"] .live-answer")).ToContainTextAsync(SecondAnswer);
                await Expect(viewer.Page.Locator($"#queue li[data-id=\"{first}\"] .live-answer")).ToContainTextAsync(FirstAnswer);
                Assert.True(await viewer.Page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "a live room reloaded instead of catching up");
            }
        }
        finally
        {
            foreach (var viewer in away)
            {
                viewer.Proxy.Release();
            }

            if (!victim.IsRunning)
            {
                victim.Start();
                await victim.WaitReadyAsync();
            }
        }
    }

    /// <summary>The secretary answers at the console. A post nginx had sent to the dead copy is not sent again: press again.</summary>
    private static async Task AnswerAsync(StaffClient secretary, int sessionId, int opinionId, string answer)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var answered = await secretary.SubmitFormAsync($"/quan-tri/doi-thoai/{sessionId}/dieu-phoi",
                [new("opinionId", opinionId.ToString(CultureInfo.InvariantCulture)), new("answer", answer),
                 new("timing", "OnTheSpot"), new("answeredBy", ""), new("unitId", "")],
                formAction: "handler=Answer");
            if (answered.StatusCode != HttpStatusCode.BadGateway || attempt == 3)
            {
                Assert.True((int)answered.StatusCode < 400, $"answer: {(int)answered.StatusCode}");
                return;
            }
        }
    }
}
