using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CitizenVoice.Bench;

/// <summary>
/// The deployment of docs/deploy.md on one machine: nginx (with the repository's deploy/nginx/citizenvoice.locations)
/// in front of two copies of the app on one PostgreSQL and one Redis, measured against one copy reached directly, in
/// the same run. Commands "cluster-ingest" (survey posts with wrk) and "cluster-viewers" (the live room, see
/// <see cref="LiveRoomBench"/>).
/// </summary>
internal static partial class ClusterBench
{
    private const string Password = "Bench-Password-2026!";

    public static async Task RunAsync(string command, string[] args, string root)
    {
        string Arg(string name, string fallback) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() ?? fallback;
        var postgres = Arg("postgres", "Host=127.0.0.1;Port=55998;Username=postgres;Database=postgres");
        var port = int.Parse(Arg("port", "5101"), CultureInfo.InvariantCulture);
        var work = Directory.CreateTempSubdirectory("cv-bench-cluster-").FullName;
        var database = "cv_bench_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new Npgsql.NpgsqlConnection(postgres))
        {
            await admin.OpenAsync();
            await using var settings = new Npgsql.NpgsqlCommand("SELECT current_setting('fsync') || '/' || current_setting('synchronous_commit') || ', ' || version()", admin);
            Console.WriteLine($"PostgreSQL: fsync/synchronous_commit {await settings.ExecuteScalarAsync()}");
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
        using var redis = await StartRedisAsync(port + 10, work);
        var copySettings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database, MaxPoolSize = 200 }.ToString(),
            ["Redis:ConnectionString"] = $"127.0.0.1:{port + 10}",
            ["Seed:DemoResponses"] = "0", ["Seed:DemoPassword"] = Password, ["Seed:Reorganisation2025"] = "false",
            ["RateLimits:PublicWritesPerMinute"] = "100000000", ["RateLimits:PublicWritesGlobalPerMinute"] = "100000000",
            ["RateLimits:ApiReadsPerMinute"] = "100000000",
        };
        try
        {
            if (command == "cluster-ingest")
            {
                await IngestAsync(root, work, port, copySettings, Arg);
            }
            else
            {
                await ViewersAsync(root, work, port, copySettings, args, Arg);
            }
        }
        finally
        {
            redis.Kill();
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(postgres);
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// wrk posts full questionnaires (the bodies of "ingest") to one copy directly and to nginx in front of two, in
    /// turns (direct, nginx, direct, nginx) so that the rest of the machine's load falls on both alike.
    /// </summary>
    private static async Task IngestAsync(string root, string work, int port, Dictionary<string, string> settings, Func<string, string, string> arg)
    {
        var seconds = int.Parse(arg("seconds", "20"), CultureInfo.InvariantCulture);
        var connections = arg("connections", "64");
        await using var a = await AppProcess.StartAsync(root, port, settings);
        await using var b = await AppProcess.StartAsync(root, port + 1, settings);
        using var nginx = await Nginx.StartAsync(root, work, port + 5, [port, port + 1]);
        var lua = await PostScriptAsync(a.Url, work);
        var direct = a.Url + "/api/v1/survey-responses";
        var proxied = nginx.Url + "/api/v1/survey-responses";
        Console.WriteLine($"# cluster ingest: wrk, {connections} connections, {seconds} s per side in two turns; one copy direct vs nginx + two copies");
        var warmup = arg("warmup", "20");
        Wrk(connections, warmup, lua, direct);
        Wrk(connections, warmup, lua, proxied);

        var totals = new Dictionary<string, (long Requests, double Seconds, double AppCpu, double NginxCpu, List<string> Latency)>
        {
            ["direct"] = (0, 0, 0, 0, []), ["nginx"] = (0, 0, 0, 0, []),
        };
        for (var round = 0; round < 2; round++)
        {
            foreach (var (name, url) in new[] { ("direct", direct), ("nginx", proxied) })
            {
                var (cpuA, cpuB, cpuN) = (a.CpuSeconds(), b.CpuSeconds(), nginx.CpuSeconds());
                var output = Wrk(connections, (seconds / 2).ToString(CultureInfo.InvariantCulture), lua, url, latency: true);
                var t = totals[name];
                var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses: (\d+)").Groups[1].Value;
                t.Latency.Add(string.Join(" ", output.Split('\n').Where(l => Regex.IsMatch(l, @"^\s+(50|99)%")).Select(l => l.Trim())) + (non2xx.Length > 0 ? $" non-2xx {non2xx}" : ""));
                totals[name] = (t.Requests + Requests(output), t.Seconds + Seconds(output), t.AppCpu + a.CpuSeconds() - cpuA + b.CpuSeconds() - cpuB,
                    t.NginxCpu + nginx.CpuSeconds() - cpuN, t.Latency);
            }
        }

        foreach (var (name, t) in totals)
        {
            Console.WriteLine($"{(name == "direct" ? "one copy, direct" : "nginx, two copies"),-18}: {t.Requests / t.Seconds:N0} responses/s; app CPU {t.AppCpu * 1000 / t.Requests:N3} ms per response" +
                (name == "nginx" ? $" (both copies), nginx CPU {t.NginxCpu * 1000 / t.Requests:N3} ms" : "") + $"; latency by turn: {string.Join(" | ", t.Latency)}");
        }

        Console.WriteLine($"share of the direct rate through nginx: {100 * (totals["nginx"].Requests / totals["nginx"].Seconds) / (totals["direct"].Requests / totals["direct"].Seconds):N1} %");
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    /// <summary>
    /// The live room: first one copy alone (viewers connect to it directly), then two fresh copies behind nginx, the
    /// viewers spread by their source addresses (nginx's hubs upstream hashes the client address), the answers posted
    /// through nginx and carried to the other copy's viewers by Redis.
    /// </summary>
    private static async Task ViewersAsync(string root, string work, int port, Dictionary<string, string> settings, string[] args, Func<string, string, string> arg)
    {
        var mode = arg("mode", "both");
        var viewers = int.Parse(arg("viewers", "10000"), CultureInfo.InvariantCulture);
        // Enough client addresses for nginx's hash to split the viewers about evenly.
        var passed = args.Where(a => a is not ("--mode")).ToList();
        if (!passed.Contains("--ips"))
        {
            passed.AddRange(["--ips", "32"]);
        }

        if (mode is "alone" or "both")
        {
            Console.WriteLine("## one copy alone (with Redis), viewers connect to it directly");
            await using var alone = await AppProcess.StartAsync(root, port, settings);
            await LiveRoomBench.RunAgainstAsync(new Uri(alone.Url + "/"), [("copy", alone.Pid)], viewers, passed.ToArray());
        }

        if (mode is "cluster" or "both")
        {
            Console.WriteLine("## two copies behind nginx (Redis backplane)");
            await using var a = await AppProcess.StartAsync(root, port + 1, settings);
            await using var b = await AppProcess.StartAsync(root, port + 2, settings);
            using var nginx = await Nginx.StartAsync(root, work, port + 5, [port + 1, port + 2]);
            await LiveRoomBench.RunAgainstAsync(new Uri(nginx.Url + "/"), [("copy A", a.Pid), ("copy B", b.Pid), .. nginx.WorkerPids().Select(p => ("nginx worker", p))],
                viewers, passed.ToArray(), countOn: [a.Pid, b.Pid]);
        }

        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    /// <summary>
    /// The wrk script of <c>ingest</c>: 500 different bodies (communes and districts, their two busiest fields, mixed
    /// answers) picked at random per request, so the rollup rows a batch touches are as spread as real traffic's, not
    /// one hot row.
    /// </summary>
    internal static async Task<string> PostScriptAsync(string url, string work)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var questionnaire = await http.GetFromJsonAsync<JsonElement>("/api/v1/questionnaires/current");
        var ids = questionnaire.GetProperty("elements").EnumerateArray().SelectMany(e => e.GetProperty("questions").EnumerateArray())
            .Append(questionnaire.GetProperty("overall")).Select(q => q.GetProperty("id").GetString()).ToList();
        var units = (await http.GetFromJsonAsync<JsonElement>("/api/v1/units")).EnumerateArray()
            .Select(u => (Code: u.GetProperty("code").GetString()!, Level: u.GetProperty("level").GetString()!))
            .Where(u => u.Level is "District" or "Commune" or "district" or "commune").Select(u => u.Code).ToList();
        var random = new Random(7);
        var bodies = Enumerable.Range(0, 500).Select(_ => JsonSerializer.Serialize(new
        {
            unitCode = units[random.Next(units.Count)], fieldCode = random.Next(2) == 0 ? "CU-TRU" : "CCCD", channel = "online",
            answers = ids.Select(id => new { questionId = int.Parse(id!, CultureInfo.InvariantCulture), value = random.NextDouble() < 0.9 ? 4 + random.Next(2) : 1 + random.Next(3) }),
        })).ToList();
        var lua = Path.Combine(work, "post.lua");
        await File.WriteAllTextAsync(lua, "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nbodies = {\n"
            + string.Join(",\n", bodies.Select(b => "[[" + b + "]]")) + "\n}\nrequest = function()\n  return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])\nend\n");
        return lua;
    }

    private static string Wrk(string connections, string seconds, string lua, string url, bool latency = false)
    {
        var info = new ProcessStartInfo("wrk", ["-t2", "-c" + connections, "-d" + seconds + "s", "-s", lua, url]) { RedirectStandardOutput = true };
        if (latency)
        {
            info.ArgumentList.Insert(0, "--latency");
        }

        var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    private static long Requests(string output) => long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);

    private static double Seconds(string output)
    {
        var m = Regex.Match(output, @"requests in ([\d.]+)(ms|s|m)");
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "ms" => value / 1000, "m" => value * 60, _ => value };
    }

    /// <summary>
    /// A Redis of the run's own, without persistence (docs/deploy.md: nothing in it needs to survive). Returns once it
    /// answers PING, so that no copy starts against a Redis that is still starting (a copy would fall back to counting
    /// alone and the run would measure something else); fails at once, with the reason, if it exits.
    /// </summary>
    private static async Task<Process> StartRedisAsync(int port, string work)
    {
        var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--save", "", "--appendonly", "no", "--dir", work, "--maxclients", "10000"])
        {
            RedirectStandardOutput = true,
        })!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        redis.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        redis.BeginOutputReadLine();
        var last = "no answer yet";
        for (var until = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < until; await Task.Delay(100))
        {
            if (redis.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {redis.ExitCode}: {string.Join(" | ", output.TakeLast(3))}");
            }

            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
                var stream = tcp.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[64];
                last = System.Text.Encoding.ASCII.GetString(buffer, 0, await stream.ReadAsync(buffer)).Trim();
                if (last == "+PONG")
                {
                    return redis;
                }
            }
            catch (System.Net.Sockets.SocketException e)
            {
                last = e.Message;
            }
        }

        redis.Kill();
        throw new TimeoutException($"redis-server on port {port} did not answer PING within 15 s (last: {last})");
    }

    /// <summary>nginx as docs/deploy.md sets it up (upstreams, WebSocket map, the repository's locations file), sized for 10,000 WebSockets.</summary>
    private sealed class Nginx : IDisposable
    {
        private readonly Process _master;
        public string Url { get; }

        private Nginx(Process master, string url) => (_master, Url) = (master, url);

        public static async Task<Nginx> StartAsync(string root, string work, int port, int[] copies)
        {
            var dir = Path.Combine(work, "nginx");
            Directory.CreateDirectory(dir);
            var servers = string.Concat(copies.Select(c => $"        server 127.0.0.1:{c} max_fails=1 fail_timeout=5s;\n"));
            // Every viewer is two sockets in nginx (the viewer's and the one to its copy): worker_connections counts both.
            File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
                worker_processes auto;
                worker_rlimit_nofile 65536;
                daemon off;
                pid {{dir}}/nginx.pid;
                error_log {{dir}}/error.log warn;
                events { worker_connections 30000; }
                http {
                    access_log off;
                    client_body_temp_path {{dir}}/body;
                    proxy_temp_path {{dir}}/proxy;
                    fastcgi_temp_path {{dir}}/fastcgi;
                    uwsgi_temp_path {{dir}}/uwsgi;
                    scgi_temp_path {{dir}}/scgi;
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        ''      close;
                    }
                    upstream citizenvoice {
                {{servers}}        keepalive 32;
                    }
                    upstream citizenvoice_hubs {
                        hash $remote_addr consistent;
                {{servers}}    }
                    server {
                        listen 127.0.0.1:{{port}} backlog=4096;
                        include {{Path.Combine(root, "deploy", "nginx", "citizenvoice.locations")}};
                    }
                }
                """);
            // nginx's workers drop root and run as nobody: they must be able to write their temporary files.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(work, (UnixFileMode)Convert.ToInt32("777", 8));
                File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("777", 8));
            }

            var master = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-p", dir, "-c", Path.Combine(dir, "nginx.conf")]) { RedirectStandardError = true })!;
            master.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("  nginx: " + e.Data); } };
            master.BeginErrorReadLine();
            var url = $"http://127.0.0.1:{port}";
            using var http = new HttpClient();
            var last = "no answer yet";
            for (var until = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < until; await Task.Delay(200))
            {
                if (master.HasExited)
                {
                    throw new InvalidOperationException($"nginx exited with code {master.ExitCode}; its messages are above (lines beginning 'nginx:')");
                }

                try
                {
                    using var response = await http.GetAsync(url + "/health/ready");
                    if (response.IsSuccessStatusCode)
                    {
                        return new Nginx(master, url);
                    }

                    last = $"HTTP {(int)response.StatusCode}";
                }
                catch (HttpRequestException e)
                {
                    // Not listening yet: try again until the deadline, which reports the last answer.
                    last = e.Message;
                }
            }

            master.Kill(entireProcessTree: true);
            throw new TimeoutException($"nginx on port {port} did not answer /health/ready within 20 s (last: {last})");
        }

        public int[] WorkerPids() => [.. Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ParentOf(pid) == _master.Id)];

        /// <summary>CPU time of the master and its workers (user + system), in seconds.</summary>
        public double CpuSeconds() => WorkerPids().Append(_master.Id).Sum(Cpu);

        private static int ParentOf(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return 0;
            }
        }

        private static double Cpu(int pid)
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        public void Dispose()
        {
            if (!_master.HasExited)
            {
                _master.Kill(entireProcessTree: true);
                _master.WaitForExit();
            }

            _master.Dispose();
        }
    }
}
