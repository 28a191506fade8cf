using System.Text.Json;
using System.Text.RegularExpressions;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>The browser libraries under wwwroot/lib are the versions the project says, and the SignalR client fits the server.</summary>
public sealed class FrontEndLibrariesTests
{
    private static readonly string App = Path.Combine(RepositoryRoot(), "src", "CitizenVoice");

    private static string Pinned(string package)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(App, "package.json")));
        return json.RootElement.GetProperty("dependencies").GetProperty(package).GetString()!;
    }

    [Fact]
    public void The_SignalR_browser_client_has_the_major_version_of_the_servers_SignalR()
    {
        var script = File.ReadAllText(Path.Combine(App, "wwwroot", "lib", "signalr", "signalr.min.js"));
        // The client sends its version in its user agent header; the minified file keeps it as a string constant.
        var version = Version.Parse(Regex.Match(script, "=\"(\\d+\\.\\d+\\.\\d+)\"").Groups[1].Value);
        var server = typeof(Microsoft.AspNetCore.SignalR.Hub).Assembly.GetName().Version!;

        Assert.Equal(server.Major, version.Major);
        Assert.Equal(Pinned("@microsoft/signalr"), version.ToString());
    }

    [Fact]
    public void The_vendored_Bootstrap_is_the_pinned_version_and_every_library_is_in_the_notice_with_its_licence()
    {
        var css = File.ReadAllText(Path.Combine(App, "wwwroot", "lib", "bootstrap", "bootstrap.min.css"));
        Assert.Equal(Pinned("bootstrap"), Regex.Match(css, @"Bootstrap\s+v(\d+\.\d+\.\d+)").Groups[1].Value);

        var notice = File.ReadAllLines(Path.Combine(App, "wwwroot", "lib", "NOTICE.md"));
        foreach (var (package, name, licence) in new[] { ("bootstrap", "Bootstrap", "bootstrap/LICENSE"), ("@microsoft/signalr", "SignalR", "signalr/LICENSE.txt") })
        {
            Assert.Contains(notice, line => line.Contains(name, StringComparison.Ordinal) && line.Contains($"| {Pinned(package)} |", StringComparison.Ordinal)
                && line.Contains("MIT", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(App, "wwwroot", "lib", licence)), licence);
        }

        var folders = Directory.GetDirectories(Path.Combine(App, "wwwroot", "lib")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["bootstrap", "signalr"], folders);
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
