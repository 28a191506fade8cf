using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>
/// The Redis server for tests of several app copies: CV_TEST_REDIS when ./test.sh provides one, else Debian's
/// redis-server started once for the test run on a free loopback port and stopped with it.
/// </summary>
public static class TestRedis
{
    private static readonly Lazy<Task<string>> Server = new(() =>
        Environment.GetEnvironmentVariable("CV_TEST_REDIS") is { Length: > 0 } configured ? Task.FromResult(configured) : StartAsync());

    public static Task<string> AddressAsync() => Server.Value;

    /// <summary>An address where nothing listens: a Redis that is down.</summary>
    public static string Unreachable() => $"127.0.0.1:{TestPorts.Free()}";

    private static async Task<string> StartAsync()
    {
        var port = TestPorts.Free();
        var address = $"127.0.0.1:{port}";
        var redis = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!redis.HasExited)
            {
                redis.Kill();
            }
        };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return address;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("redis-server did not start.");
    }
}

/// <summary>Loopback ports for servers a test starts (Redis, nginx, app copies, a telemetry collector).</summary>
public static class TestPorts
{
    /// <summary>A loopback port nothing listens on now.</summary>
    public static int Free()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
