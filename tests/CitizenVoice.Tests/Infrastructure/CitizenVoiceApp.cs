using System.Net;
using CitizenVoice.Data;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>
/// The application under test, on a database of its own: a SQLite file, or a fresh PostgreSQL database when
/// CV_TEST_DB=Postgres (./test.sh runs every test project both ways). Migrations and demo seed run as in production.
/// </summary>
public class CitizenVoiceApp : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Password-2026!";

    private readonly string _databaseName = "cv_test_" + Guid.NewGuid().ToString("N")[..12];
    private readonly string _sqlitePath;

    // Set for a copy that runs on another app's database (which creates it and deletes it).
    private readonly CitizenVoiceApp? _databaseOf;

    public CitizenVoiceApp()
    {
        _sqlitePath = Path.Combine(Path.GetTempPath(), _databaseName + ".db");
    }

    /// <summary>
    /// Another copy of the app on the database of <paramref name="databaseOf"/>: two copies behind a load balancer, or
    /// the same app started again. <paramref name="databaseOf"/> owns the database and deletes it when disposed, so it
    /// is disposed last; the copies may start and stop in any order.
    /// </summary>
    protected CitizenVoiceApp(CitizenVoiceApp databaseOf)
    {
        _databaseOf = databaseOf;
        _databaseName = databaseOf._databaseName;
        _sqlitePath = databaseOf._sqlitePath;
    }

    /// <summary>
    /// The in-memory test server gives requests no client address, so every test client would look like one person to
    /// the per-address rate limits and sign-in throttling. A request carrying this header comes from the address in it,
    /// as if over the network; forwarded headers and rate limits then see it as they would in production.
    /// </summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    public static bool OnPostgres => string.Equals(Environment.GetEnvironmentVariable("CV_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Extra settings for a particular test app (for example a short idle timeout).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Seed:DemoPassword", DemoPassword);
        builder.UseSetting("Seed:DemoResponses", "3000");
        // Tests work on the demo tree before the 2025 reform, whose units are all in service; the tests of the demo's
        // 2025 story turn it on (DemoStoryTests).
        builder.UseSetting("Seed:Reorganisation2025", "false");
        builder.UseSetting("RateLimits:PublicWritesPerMinute", "100000");
        builder.UseSetting("RateLimits:ApiReadsPerMinute", "100000");
        builder.UseSetting("News:CommentsPerHour", "100000");
        // Small enough that the demo data's extracts run over several sheets, as a province-year does over Excel's limit.
        builder.UseSetting("Exports:RowsPerSheet", "500");
        foreach (var (key, value) in DatabaseSettings.Concat(Settings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>());
    }

    /// <summary>Runs first, before forwarded headers and everything else: the connection's remote address.</summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(ClientAddressHeader, out var address))
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                    http.Request.Headers.Remove(ClientAddressHeader);
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }

    /// <summary>A fresh private address, so a test's client is a person of its own to per-address limits.</summary>
    public static string NewClientAddress() =>
        $"10.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    /// <summary>An API client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient CreateClientFrom(string address, bool allowAutoRedirect = true)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = allowAutoRedirect, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    /// <summary>The provider and connection string of this app's own database, for a process started beside it.</summary>
    public IEnumerable<KeyValuePair<string, string>> DatabaseSettings => OnPostgres
        ? [new("Database:Provider", "Postgres"), new("ConnectionStrings:Postgres", CreatePostgresDatabase())]
        : [new("Database:Provider", "Sqlite"), new("ConnectionStrings:Sqlite", $"Data Source={_sqlitePath}")];

    private string? _postgres;

    // Created once per app, even if the host is built again after a failed start.
    private string CreatePostgresDatabase() => _databaseOf?.CreatePostgresDatabase() ?? (_postgres ??= CreatePostgresDatabaseOnce());

    private string CreatePostgresDatabaseOnce()
    {
        var server = Environment.GetEnvironmentVariable("CV_TEST_POSTGRES")
            ?? throw new InvalidOperationException("CV_TEST_DB=Postgres needs CV_TEST_POSTGRES (a connection string to the test server).");
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {_databaseName}";
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = _databaseName }.ToString();
    }

    /// <summary>The app's own clock: a test's "now" is the app's, even if the app is given another clock.</summary>
    public TimeProvider Clock => Services.GetRequiredService<TimeProvider>();

    /// <summary>Today in Vietnam by the app's clock and the app's own rule, so a test and the app agree on the day.</summary>
    public DateOnly Today => VietnamTime.Today(Clock);

    /// <summary>Runs code against the app's database, as a test's arrange or assert step.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public async Task WithDbAsync(Func<AppDb, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    /// <summary>
    /// A browser-like client: keeps cookies, does not follow redirects (tests assert where they go). Each comes from an
    /// address of its own (or <paramref name="address"/>), as each person does.
    /// </summary>
    public StaffClient CreateStaffClient(string? address = null) => new(CreateClientFrom(address ?? NewClientAddress(), allowAutoRedirect: false));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !OnPostgres && _databaseOf is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqlitePath, _sqlitePath + "-wal", _sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}

/// <summary>
/// One app (and database) shared by the integration test classes; each test makes its own data. Tests here may count
/// the demo organisation (its 8 districts, its six fields), so they never add districts or fields, nor merge units of
/// the demo tree: tests that change the organisation run on <see cref="OrganisationChangesApp"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<CitizenVoiceApp>
{
    public const string Name = "app";
}

/// <summary>
/// An app with a database of its own for tests that change the organisation (add or merge units, add fields), so
/// what they add is never counted by tests on the shared app, whatever order the tests run in.
/// </summary>
public sealed class OrganisationChangesApp : CitizenVoiceApp;

[CollectionDefinition(Name)]
public sealed class OrganisationChangesCollection : ICollectionFixture<OrganisationChangesApp>
{
    public const string Name = "organisation changes";
}
