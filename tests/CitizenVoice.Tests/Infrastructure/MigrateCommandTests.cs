using System.Diagnostics;
using System.Net;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>A copy of the app as several copies are started: the deployment migrates once, the copies never do.</summary>
public sealed class NoMigrationApp : CitizenVoiceApp
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Database:MigrateOnStart", "false")];
}

public sealed class MigrateCommandTests
{
    [Fact]
    public void A_copy_that_does_not_migrate_refuses_to_start_on_a_database_whose_schema_is_behind_and_says_what_to_run()
    {
        using var app = new NoMigrationApp();

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("schema is behind", messages);
        Assert.Contains("dotnet CitizenVoice.dll migrate", messages);
    }

    [Fact]
    public async Task The_migrate_command_brings_an_empty_database_up_to_date_and_seeds_it_then_a_copy_serves_it_without_migrating()
    {
        using var app = new NoMigrationApp();
        var run = await RunMigrateAsync(app.DatabaseSettings);
        Assert.True(run.ExitCode == 0, run.Output);

        using var client = app.CreateClient();
        using var response = await client.GetAsync("/doi-thoai");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Công an", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs the built app as a deployment would: <c>dotnet CitizenVoice.dll migrate</c>, configured by environment.</summary>
    private static async Task<(int ExitCode, string Output)> RunMigrateAsync(IEnumerable<KeyValuePair<string, string>> database)
    {
        var workDir = Directory.CreateTempSubdirectory("cv-migrate-");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CitizenVoice.dll"), "migrate"])
        {
            WorkingDirectory = workDir.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Seed__DemoPassword"] = CitizenVoiceApp.DemoPassword;
        start.Environment["Seed__DemoResponses"] = "300";
        start.Environment["Seed__Reorganisation2025"] = "false";
        foreach (var (key, value) in database)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        workDir.Delete(recursive: true);
        return (process.ExitCode, await output + await error);
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
