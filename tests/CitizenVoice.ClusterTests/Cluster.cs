using System.Diagnostics;
using System.Globalization;
using CitizenVoice.Tests.Infrastructure;
using Npgsql;

namespace CitizenVoice.ClusterTests;

/// <summary>
/// The app as several servers run it: nginx (Debian's package, with the repository's deploy/nginx/citizenvoice.locations)
/// in front of two separately started app processes (<c>dotnet CitizenVoice.dll</c>), one PostgreSQL database and one
/// Redis, all on loopback. The schema is created once by the <c>migrate</c> command; the copies start with
/// Database:MigrateOnStart off, as a deployment runs them.
/// </summary>
public sealed class Cluster : IAsyncLifetime
{
    /// <summary>Public posts per client address per minute: low, so a test reaches it; other tests post as many clients.</summary>
    public const int PublicWritesPerMinute = 20;

    private readonly string _databaseName = "cv_cluster_" + Guid.NewGuid().ToString("N")[..12];
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("cv-cluster-");
    private Process? _nginx;
    private string _connectionString = "";
    private string _redis = "";

    public AppCopy[] Copies { get; private set; } = [];

    /// <summary>nginx's address: every test request goes through it.</summary>
    public Uri Address { get; private set; } = null!;

    public string ConnectionString => _connectionString;

    /// <summary>The mail server both copies send reminders to.</summary>
    public SmtpSink Smtp { get; } = new();

    public async Task InitializeAsync()
    {
        _connectionString = CreateDatabase();
        _redis = await TestRedis.AddressAsync();
        var nginxPort = TestPorts.Free();
        Address = new Uri($"http://127.0.0.1:{nginxPort}");

        var migrate = await AppCopy.RunMigrateAsync(Environment(), _work.FullName);
        Assert.True(migrate.ExitCode == 0, "migrate failed:\n" + migrate.Output);

        Copies = [new AppCopy("a", TestPorts.Free(), Environment(), _work.FullName), new AppCopy("b", TestPorts.Free(), Environment(), _work.FullName)];
        foreach (var copy in Copies)
        {
            copy.Start();
        }

        foreach (var copy in Copies)
        {
            await copy.WaitReadyAsync();
        }

        StartNginx(nginxPort);
        await WaitAsync(async () =>
        {
            using var http = new HttpClient();
            return (await http.GetAsync(new Uri(Address, "/health/ready"))).IsSuccessStatusCode;
        }, "nginx did not answer");
    }

    /// <summary>What every copy is started with: the shared database and Redis, the public address, low limits.</summary>
    private Dictionary<string, string> Environment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        // The site's scripts and styles, which a published copy has beside it, for the browsers.
        ["ASPNETCORE_WEBROOT"] = Path.Combine(RepositoryRoot(), "src", "CitizenVoice", "wwwroot"),
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Postgres"] = _connectionString,
        ["Database__MigrateOnStart"] = "false",
        ["Redis__ConnectionString"] = _redis,
        ["Site__PublicUrl"] = Address.ToString(),
        ["Seed__DemoPassword"] = CitizenVoiceApp.DemoPassword,
        ["Seed__DemoResponses"] = "300",
        ["Seed__Reorganisation2025"] = "false",
        ["RateLimits__PublicWritesPerMinute"] = PublicWritesPerMinute.ToString(CultureInfo.InvariantCulture),
        ["Logging__LogLevel__Default"] = "Warning",
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp__From"] = "Công an tỉnh Bắc Kạn <noreply@congan.backan.example>",
        ["Smtp__UseStartTls"] = "false",
        // Both copies look for overdue commitments every second: only one may mail each.
        ["Dialogues__Reminders__FirstRunAfter"] = "00:00:01",
        ["Dialogues__Reminders__Interval"] = "00:00:01",
    };

    private void StartNginx(int port)
    {
        var locations = Path.Combine(RepositoryRoot(), "deploy", "nginx", "citizenvoice.locations");
        var upstream = string.Concat(Copies.Select(c => $"        server 127.0.0.1:{c.Port} max_fails=1 fail_timeout=5s;\n"));
        var dir = _work.FullName;
        // The http-level parts citizenvoice.conf has in production (map, upstream), then the tested locations. The
        // X-Upstream header tells the tests which copy answered.
        File.WriteAllText(Path.Combine(dir, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/nginx-error.log warn;
            events { worker_connections 4096; }
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
            {{upstream}}        keepalive 16;
                }
                upstream citizenvoice_hubs {
                    hash $remote_addr consistent;
            {{upstream}}    }
                server {
                    listen 127.0.0.1:{{port}};
                    add_header X-Upstream $upstream_addr always;
                    include {{locations}};
                }
            }
            """);
        // nginx's workers drop root and run as nobody: they must be able to write their temporary files.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("777", 8));
        }
        _nginx = Process.Start(new ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx", ["-p", dir, "-c", Path.Combine(dir, "nginx.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
    }

    /// <summary>The copy that answered a response through nginx.</summary>
    public AppCopy ServedBy(HttpResponseMessage response)
    {
        var upstream = response.Headers.TryGetValues("X-Upstream", out var values) ? values.Last() : "";
        // After a failed try nginx lists every copy it tried ("127.0.0.1:5001, 127.0.0.1:5002"): the last answered.
        var last = upstream.Split(',').Last().Trim();
        return Copies.Single(c => last == $"127.0.0.1:{c.Port}");
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            // The workers too: killing the master alone left them running, holding their port, after every run.
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }

        foreach (var copy in Copies)
        {
            await copy.StopAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(Server()))
        {
            await admin.OpenAsync();
            await using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }

        _work.Delete(recursive: true);
        Smtp.Dispose();
    }

    private static string Server() => System.Environment.GetEnvironmentVariable("CV_TEST_POSTGRES")
        ?? throw new InvalidOperationException("The cluster tests need CV_TEST_POSTGRES (./test.sh starts a PostgreSQL and sets it).");

    private string CreateDatabase()
    {
        using (var admin = new NpgsqlConnection(Server()))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {_databaseName}";
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(Server()) { Database = _databaseName }.ToString();
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, string failure, int seconds = 90)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException(failure);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CitizenVoice.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CitizenVoice.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<Cluster>
{
    public const string Name = "cluster";
}
