using System.Diagnostics;

namespace CitizenVoice.ClusterTests;

/// <summary>One copy of the app: <c>dotnet CitizenVoice.dll</c> on a loopback port, its output in a log file.</summary>
public sealed class AppCopy(string name, int port, IReadOnlyDictionary<string, string> environment, string workDirectory)
{
    private Process? _process;

    public string Name => name;

    public int Port => port;

    public Uri Address => new($"http://127.0.0.1:{port}");

    public bool IsRunning => _process is { HasExited: false };

    private string LogPath => Path.Combine(workDirectory, $"copy-{name}.log");

    public void Start()
    {
        // Through a shell that execs dotnet, so the output goes to a file (a pipe nobody reads would block the app)
        // and the process killed is the app itself.
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet \"$0\" --urls http://127.0.0.1:{port} >>\"$1\" 2>&1", AppDll, LogPath])
        {
            WorkingDirectory = workDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start)!;
    }

    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient();
        await Cluster.WaitAsync(async () =>
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"Copy {name} exited:\n{await File.ReadAllTextAsync(LogPath)}");
            }

            return (await http.GetAsync(new Uri(Address, "/health/ready"))).IsSuccessStatusCode;
        }, $"copy {name} did not become ready");
    }

    /// <summary>SIGKILL: the machine loses the process with no chance to finish anything.</summary>
    public void Kill() => _process?.Kill();

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public static async Task<(int ExitCode, string Output)> RunMigrateAsync(IReadOnlyDictionary<string, string> environment, string workDirectory)
    {
        var start = new ProcessStartInfo("dotnet", [AppDll, "migrate"])
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static string AppDll => Path.Combine(AppContext.BaseDirectory, "CitizenVoice.dll");
}
