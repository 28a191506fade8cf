using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CitizenVoice.ClusterTests;

/// <summary>
/// A browser's own network address. A browser cannot choose the address it connects from, and nginx picks a viewer's
/// copy by that address, so every browser of a test goes through one of these: an HTTP proxy on loopback that opens
/// each of the browser's connections from an address of its own (a tunnel for <c>CONNECT</c>, which Chromium uses
/// for WebSockets; plain requests are passed on as sent, nginx takes their absolute URIs). <see cref="Hold"/> stops
/// new connections from going anywhere until <see cref="Release"/>, like a phone that has lost its signal.
/// </summary>
public sealed class BoundProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPAddress _source;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BoundProxy(IPAddress source)
    {
        _source = source;
        _open.SetResult();
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The address nginx sees this browser come from.</summary>
    public IPAddress Source => _source;

    public string Server => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public void Hold() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _open.TrySetResult();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var browser = client.GetStream();
            var head = await ReadHeadAsync(browser);
            if (head.Length == 0)
            {
                return;
            }

            var text = Encoding.ASCII.GetString(head);
            var target = text.Split(' ', 3)[1];
            var tunnel = text.StartsWith("CONNECT ", StringComparison.Ordinal);
            var uri = tunnel ? new Uri("http://" + target) : new Uri(target);
            await _open.Task.WaitAsync(_stop.Token);
            using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            upstream.Bind(new IPEndPoint(_source, 0));
            await upstream.ConnectAsync(IPAddress.Parse(uri.Host), uri.Port, _stop.Token);
            await using var server = new NetworkStream(upstream, ownsSocket: false);
            if (tunnel)
            {
                await browser.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stop.Token);
            }
            else
            {
                await server.WriteAsync(head, _stop.Token);
            }

            // Either side closing ends the connection, as a dead server or a lost signal does.
            await Task.WhenAny(browser.CopyToAsync(server, _stop.Token), server.CopyToAsync(browser, _stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>The request line and headers, up to the empty line (a request passed on keeps its body in the stream).</summary>
    private static async Task<byte[]> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>(1024);
        var one = new byte[1];
        while (head.Count < 65_536 && await stream.ReadAsync(one) == 1)
        {
            head.Add(one[0]);
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
            {
                break;
            }
        }

        return [.. head];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Release();
        await _accepting;
        _stop.Dispose();
    }
}
