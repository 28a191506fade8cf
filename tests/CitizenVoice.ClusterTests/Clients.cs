using System.Net;
using System.Net.Sockets;

namespace CitizenVoice.ClusterTests;

/// <summary>
/// Clients that reach nginx from addresses of their own. Loopback is a whole network (127.0.0.0/8): a client bound to
/// 127.0.0.23 is, to nginx and so to the app's per-client limits, another person than one bound to 127.0.0.24.
/// </summary>
public static class Clients
{
    private static int _next = 1;

    /// <summary>A loopback address no other client of this test run has used.</summary>
    public static IPAddress NewAddress()
    {
        var n = Interlocked.Increment(ref _next);
        return new IPAddress([127, (byte)(10 + n / 65_025 % 200), (byte)(n / 255 % 255), (byte)(1 + n % 254)]);
    }

    public static HttpClient From(IPAddress source, Uri nginx, bool keepCookies = false) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = keepCookies,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = nginx, Timeout = TimeSpan.FromSeconds(30) };
}
