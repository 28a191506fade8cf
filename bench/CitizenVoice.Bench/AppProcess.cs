using System.Diagnostics;
using System.Globalization;

namespace CitizenVoice.Bench;

/// <summary>The real application in its own process (Release build), on a database the benchmark chooses.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    public string Url { get; }
    public int Pid => _process.Id;

    private AppProcess(Process process, string url) => (_process, Url) = (process, url);

    private static string KeyCertificate(string root)
    {
        var path = Path.Combine(root, "bench", "data", "keys.pfx");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=CitizenVoice bench keys", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx));
        }

        return path;
    }

    public static async Task<AppProcess> StartAsync(string root, int port, IDictionary<string, string> settings)
    {
        var dll = Path.Combine(root, "src/CitizenVoice/bin/Release/net10.0/CitizenVoice.dll");
        var url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", url])
        {
            WorkingDirectory = Path.Combine(root, "src/CitizenVoice"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // Production refuses to start without a certificate for its keys; one kept beside the bench's data serves
        // every run, so a database kept from an earlier run can still read its keys.
        info.Environment["DataProtection__CertificatePath"] = KeyCertificate(root);
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("  app: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        // Up to 20 minutes: an upgrade of a large database rebuilds rollup rows before the app is ready.
        for (var i = 0; i < 2400; i++)
        {
            try
            {
                if ((await http.GetAsync(url + "/health/ready")).IsSuccessStatusCode)
                {
                    return new AppProcess(process, url);
                }
            }
            catch (HttpRequestException)
            {
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException("The app exited during start-up.");
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The app did not become ready.");
    }

    /// <summary>Peak resident memory of the app process so far (VmHWM), in MiB.</summary>
    public double PeakMemoryMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public double MemoryMiB()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>CPU time the app process has used so far (user + system), in seconds: a cost per request that does not
    /// depend on what else the machine is doing.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // from field 3 (state); utime is field 14, stime 15
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
