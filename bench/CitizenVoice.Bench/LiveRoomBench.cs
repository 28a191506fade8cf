using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CitizenVoice.Bench;

/// <summary>
/// The live room at scale (command "viewers"): N real SignalR clients join one session's live room exactly as the
/// page's live-room.js does (negotiate, WebSockets, invoke Join(sessionId)), then the secretary answers K questions
/// through the real console (HTTP POST with antiforgery, saved, broadcast by the hub), one per interval. Measured:
/// delivery latency of every answer to every viewer (from the moment the secretary's POST starts), connections held,
/// and the server's resident memory per connection (VmRSS from /proc before and after connecting).
/// </summary>
internal static partial class LiveRoomBench
{
    private const string Password = "Bench-Password-2026!";

    public static async Task RunAsync(string[] args, string root)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() ?? fallback;
        int IntArg(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var viewers = IntArg("viewers", 10_000);
        var answers = IntArg("answers", 20);
        var interval = TimeSpan.FromMilliseconds(IntArg("interval-ms", 1000));
        var concurrency = IntArg("concurrency", 64);
        // Each source address has ~28,000 ephemeral ports towards one server port; several keep a large run clear of that.
        var ips = IntArg("ips", Math.Max(1, (viewers + 7999) / 8000));
        var url = Arg("url", "");
        var user = Arg("user", "thuky");
        var password = Arg("password", Password);
        ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), 64);

        Console.WriteLine($"# live room benchmark: {viewers:N0} viewers, {answers} answers every {interval.TotalMilliseconds:N0} ms, {ips} client address(es), {concurrency} connects at a time");
        Console.WriteLine($"open files limit: {OpenFilesLimit()}");
        AppProcess? app = null;
        var work = Directory.CreateTempSubdirectory("cv-bench-viewers-").FullName;
        try
        {
            int? pid = int.TryParse(Arg("pid", ""), out var p) ? p : null;
            if (url.Length == 0)
            {
                app = await AppProcess.StartAsync(root, IntArg("port", 5098), new Dictionary<string, string>
                {
                    ["Database:Provider"] = "Sqlite", ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(work, "viewers.db")}",
                    ["Seed:DemoResponses"] = "0", ["Seed:DemoPassword"] = Password, ["Seed:Reorganisation2025"] = "false",
                    ["RateLimits:PublicWritesPerMinute"] = "100000000", ["RateLimits:PublicWritesGlobalPerMinute"] = "100000000",
                    ["RateLimits:ApiReadsPerMinute"] = "100000000",
                });
                (url, pid) = (app.Url, app.Pid);
                Console.WriteLine($"app started at {url} (pid {pid}, SQLite in {work})");
            }

            await RunAgainstAsync(new Uri(url.TrimEnd('/') + "/"), pid is { } server ? [("server", server)] : [], viewers, answers, interval, concurrency, ips, user, password,
                int.TryParse(Arg("session", ""), out var s) ? s : null, countOn: null);
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The same measurement against servers started elsewhere (see <see cref="ClusterBench"/>): <paramref name="servers"/>
    /// are the processes whose memory is reported, <paramref name="countOn"/> those whose growth is the memory per connection.
    /// </summary>
    public static Task RunAgainstAsync(Uri baseUri, (string Name, int Pid)[] servers, int viewers, string[] args, int[]? countOn = null)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() ?? fallback;
        int IntArg(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), 64);
        var (answers, ips) = (IntArg("answers", 20), IntArg("ips", Math.Max(1, (viewers + 7999) / 8000)));
        Console.WriteLine($"# live room: {viewers:N0} viewers at {baseUri}, {answers} answers, {ips} client address(es); open files limit: {OpenFilesLimit()}");
        return RunAgainstAsync(baseUri, servers, viewers, answers, TimeSpan.FromMilliseconds(IntArg("interval-ms", 1000)), IntArg("concurrency", 64), ips,
            Arg("user", "thuky"), Arg("password", Password), int.TryParse(Arg("session", ""), out var s) ? s : null, countOn);
    }

    private static async Task RunAgainstAsync(
        Uri baseUri, (string Name, int Pid)[] servers, int viewers, int answers, TimeSpan interval, int concurrency, int ips, string user, string password, int? sessionId,
        int[]? countOn)
    {
        // The secretary: signs in and works the console through HTTP, with cookies and antiforgery tokens like a browser.
        using var secretary = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUri };
        await SignInAsync(secretary, user, password);
        sessionId ??= await OpenSessionAsync(secretary);
        var console = $"quan-tri/doi-thoai/{sessionId}/dieu-phoi";
        var token = Token(await secretary.GetStringAsync(console));
        var run = Guid.NewGuid().ToString("N")[..6];
        for (var k = 0; k < answers; k++)
        {
            await PostAsync(secretary, console + "?handler=Record", token,
                new() { ["channel"] = "Spoken", ["text"] = $"Câu hỏi đo tải {run} số {k}: thời gian cấp căn cước tại xã là bao lâu?" });
        }

        var page = await secretary.GetStringAsync(console);
        var opinionIds = new int[answers];
        foreach (Match m in OpinionPattern().Matches(page))
        {
            var text = WebUtility.HtmlDecode(m.Groups[2].Value);
            if (text.Contains($"đo tải {run} số ", StringComparison.Ordinal))
            {
                opinionIds[int.Parse(text.Split(" số ")[1].Split(':')[0], CultureInfo.InvariantCulture)] = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        if (opinionIds.Any(id => id == 0))
        {
            throw new InvalidOperationException("Could not find the recorded questions on the console.");
        }

        Console.WriteLine($"session {sessionId}: {answers} questions recorded by {user}");

        await Task.Delay(2000);
        GC.Collect();
        var rssBefore = servers.ToDictionary(s => s.Pid, s => RssMiB(s.Pid));

        // The viewers: real connections from several loopback addresses, each joining the session's live room.
        var handlers = Enumerable.Range(0, ips).Select(i => BoundHandler(IPAddress.Parse($"127.0.0.{i + 1}"))).ToArray();
        var received = new long[answers][];
        for (var k = 0; k < answers; k++)
        {
            received[k] = new long[viewers];
        }

        var connections = new HubConnection?[viewers];
        var connectMs = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<string, int>();
        var dropped = 0;
        var hub = new Uri(baseUri, "hubs/doi-thoai");
        var connectClock = Stopwatch.StartNew();
        var next = -1;
        var progress = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < viewers)
            {
                var handler = handlers[i % handlers.Length];
                var viewer = i;
                var connection = new HubConnectionBuilder()
                    .WithUrl(hub, o =>
                    {
                        o.Transports = HttpTransportType.WebSockets;
                        o.HttpMessageHandlerFactory = _ => new Undisposed(handler);
                        o.WebSocketFactory = async (context, ct) =>
                        {
                            var socket = new ClientWebSocket();
                            await socket.ConnectAsync(context.Uri, new HttpMessageInvoker(handler, disposeHandler: false), ct);
                            return socket;
                        };
                    })
                    .Build();
                connection.On<JsonElement, int>("answer", (q, _) =>
                {
                    var now = Stopwatch.GetTimestamp();
                    if (q.GetProperty("answer").GetString() is { } a && a.StartsWith("[#", StringComparison.Ordinal)
                        && int.TryParse(a.AsSpan(2, a.IndexOf(']', StringComparison.Ordinal) - 2), CultureInfo.InvariantCulture, out var k) && k < answers)
                    {
                        Interlocked.CompareExchange(ref received[k][viewer], now, 0);
                    }
                });
                connection.Closed += _ =>
                {
                    Interlocked.Increment(ref dropped);
                    return Task.CompletedTask;
                };
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await connection.StartAsync();
                    await connection.InvokeAsync<int>("Join", sessionId);
                    connectMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    connections[viewer] = connection;
                }
                catch (Exception e)
                {
                    failures.AddOrUpdate(e.GetType().Name + ": " + e.Message.Split('\n')[0], 1, (_, n) => n + 1);
                    await connection.DisposeAsync();
                }

                if (Interlocked.Increment(ref progress) % 1000 == 0)
                {
                    Console.WriteLine($"  {progress:N0} connection attempts in {connectClock.Elapsed.TotalSeconds:N1} s");
                }
            }
        }));
        connectClock.Stop();
        var connected = connections.Count(c => c is not null);
        Console.WriteLine($"connect: {connected:N0} of {viewers:N0} connected in {connectClock.Elapsed.TotalSeconds:N1} s ({connected / connectClock.Elapsed.TotalSeconds:N0}/s); " +
            $"per connection {Summary([.. connectMs])}; failed {viewers - connected:N0}");
        foreach (var (reason, count) in failures.OrderByDescending(f => f.Value).Take(5))
        {
            Console.WriteLine($"  {count:N0} × {reason}");
        }

        await Task.Delay(3000);
        var rssAfter = servers.ToDictionary(s => s.Pid, s => RssMiB(s.Pid));
        foreach (var (name, server) in servers)
        {
            Console.WriteLine($"server memory (VmRSS) of {name} (pid {server}): {rssBefore[server]:N0} MiB before, {rssAfter[server]:N0} MiB with the viewers = " +
                $"{(rssAfter[server] - rssBefore[server]) * 1024 / Math.Max(1, connected):N1} KiB per connection of all {connected:N0}");
        }

        if (servers.Length > 1)
        {
            var counted = countOn ?? [.. servers.Select(s => s.Pid)];
            Console.WriteLine($"app memory per connection (copies together): {counted.Sum(p => rssAfter[p] - rssBefore[p]) * 1024 / Math.Max(1, connected):N1} KiB; " +
                $"everything listed: {servers.Sum(s => rssAfter[s.Pid] - rssBefore[s.Pid]) * 1024 / Math.Max(1, connected):N1} KiB");
        }

        Console.WriteLine($"bench process memory (VmRSS): {RssMiB(Environment.ProcessId):N0} MiB");

        // The secretary answers, one question per interval, through the console's Answer handler.
        var sent = new long[answers];
        var postMs = new List<double>();
        using (var timer = new PeriodicTimer(interval))
        {
            for (var k = 0; k < answers; k++)
            {
                sent[k] = Stopwatch.GetTimestamp();
                await PostAsync(secretary, console + "?handler=Answer", token, new()
                {
                    ["opinionId"] = opinionIds[k].ToString(CultureInfo.InvariantCulture),
                    ["answer"] = $"[#{k}] Công an xã tiếp nhận hồ sơ căn cước trong giờ hành chính, trả thẻ trong 7 ngày làm việc.",
                    ["timing"] = "OnTheSpot", ["answeredBy"] = "Trưởng Công an huyện Ngân Sơn",
                });
                postMs.Add(Stopwatch.GetElapsedTime(sent[k]).TotalMilliseconds);
                await timer.WaitForNextTickAsync();
            }
        }

        // Late deliveries are still deliveries: wait up to ten seconds for the last ones.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10)
            && Enumerable.Range(0, viewers).Any(v => connections[v] is not null && received[answers - 1][v] == 0))
        {
            await Task.Delay(200);
        }

        var latencies = new List<double>(connected * answers);
        var missing = 0;
        for (var k = 0; k < answers; k++)
        {
            var perAnswer = new List<double>(connected);
            for (var v = 0; v < viewers; v++)
            {
                if (connections[v] is null)
                {
                    continue;
                }

                if (received[k][v] == 0)
                {
                    missing++;
                }
                else
                {
                    perAnswer.Add(Stopwatch.GetElapsedTime(sent[k], received[k][v]).TotalMilliseconds);
                }
            }

            latencies.AddRange(perAnswer);
            Console.WriteLine($"  answer {k + 1,2}: POST {postMs[k],6:N0} ms; delivered to {perAnswer.Count:N0}; {Summary(perAnswer)}");
        }

        var expected = (long)connected * answers;
        Console.WriteLine($"delivery latency over {latencies.Count:N0} messages: {Summary(latencies, detailed: true)}");
        Console.WriteLine($"within 1 s: {100.0 * latencies.Count(l => l <= 1000) / Math.Max(1, expected):N2}% of {expected:N0} expected deliveries; " +
            $"missing {missing:N0}; connections dropped during the run: {dropped:N0}; still connected: {connections.Count(c => c?.State == HubConnectionState.Connected):N0}");

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async w =>
        {
            for (var i = w; i < viewers; i += concurrency)
            {
                if (connections[i] is { } c)
                {
                    await c.DisposeAsync();
                }
            }
        }));
        foreach (var handler in handlers)
        {
            handler.Dispose();
        }
    }

    private static async Task SignInAsync(HttpClient http, string user, string password)
    {
        var token = Token(await http.GetStringAsync("dang-nhap"));
        using var response = await http.PostAsync("dang-nhap", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {user} failed ({(int)response.StatusCode}); pass --user and --password for a running app.");
        }
    }

    /// <summary>A session open for questions (the demo data has one), as the public API lists it.</summary>
    private static async Task<int> OpenSessionAsync(HttpClient http)
    {
        var list = await http.GetFromJsonAsync<JsonElement>("api/v1/dialogues");
        var sessions = list.ValueKind == JsonValueKind.Array ? list : list.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        return sessions.EnumerateArray().Where(s => s.GetProperty("acceptsQuestions").GetBoolean())
            .Select(s => s.GetProperty("id").GetInt32()).FirstOrDefault() is var id and > 0
            ? id
            : throw new InvalidOperationException("No session is open for questions; pass --session ID.");
    }

    private static async Task PostAsync(HttpClient http, string path, string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        using var response = await http.PostAsync(path, new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}");
        }
    }

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("No antiforgery token on the page.");

    /// <summary>Connections from one loopback source address (127.0.0.x), so many clients do not run out of ephemeral ports.</summary>
    private static SocketsHttpHandler BoundHandler(IPAddress local) => new()
    {
        MaxConnectionsPerServer = int.MaxValue,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                // IP_BIND_ADDRESS_NO_PORT: the port is chosen at connect, per destination, not reserved at bind.
                socket.SetRawSocketOption(0, 24, BitConverter.GetBytes(1));
                socket.Bind(new IPEndPoint(local, 0));
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, AddressFamily.InterNetwork, ct);
                await socket.ConnectAsync(new IPEndPoint(addresses[0], context.DnsEndPoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>The SignalR client disposes the handler it is given; the shared one must outlive each connection.</summary>
    private sealed class Undisposed(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
#pragma warning disable CA2215 // Not calling base is the point: base disposes the shared inner handler.
        protected override void Dispose(bool disposing)
        {
        }
#pragma warning restore CA2215
    }

    private static string Summary(List<double> ms, bool detailed = false)
    {
        if (ms.Count == 0)
        {
            return "no samples";
        }

        ms.Sort();
        double P(double p) => ms[Math.Min(ms.Count - 1, Math.Max(0, (int)Math.Ceiling(p * ms.Count) - 1))];
        return detailed
            ? $"p50 {P(0.5):N0} ms, p90 {P(0.9):N0} ms, p99 {P(0.99):N0} ms, max {ms[^1]:N0} ms"
            : $"p50 {P(0.5):N0} ms, p99 {P(0.99):N0} ms, max {ms[^1]:N0} ms";
    }

    private static double RssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string OpenFilesLimit() =>
        File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal))?.Trim() ?? "unknown";

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("id=\"y-kien-(\\d+)\"[\\s\\S]*?<p class=\"mb-1 opinion-text\">([^<]*)</p>")]
    private static partial Regex OpinionPattern();
}
