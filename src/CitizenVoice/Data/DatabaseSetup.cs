using System.ComponentModel.DataAnnotations;
using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Organisation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Seed the demo organisation, accounts and content into an empty database.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// Apply migrations and seed when the app starts: right for one copy and the two-command start. Several copies
    /// start with it off, after the deployment ran <c>dotnet CitizenVoice.dll migrate</c> once, so that no two copies
    /// race to change the schema and none serves a schema it does not know.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    public bool IsPostgres => Provider == "Postgres";
}

public static class DatabaseSetup
{
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        // Every registered save interceptor (the audit log, and features' caches) joins every context, and so does every
        // listener to moves in the unit tree (Organisation.IUnitMoveListener: the survey rollups).
        builder.Services.AddSingleton<ISaveChangesInterceptor, AuditInterceptor>();
        builder.Services.AddSingleton<WriteGate>();
        builder.Services.AddSingleton<GeneratedKeys>();

        // Pooled contexts: every API post needs one, and building a context per request cost a tenth of the
        // request's CPU. Nothing in AppDb holds per-request state (the interceptors are singletons).
        if (options.IsPostgres)
        {
            var connectionString = builder.Configuration.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            builder.Services.AddDbContextPool<AppDb, PostgresAppDb>((sp, db) => db
                .UseNpgsql(connectionString)
                .AddInterceptors(Interceptors(sp)));
        }
        else
        {
            var connectionString = SqliteConnectionString(builder);
            builder.Services.AddDbContextPool<AppDb, SqliteAppDb>((sp, db) => db
                .UseSqlite(connectionString)
                .AddInterceptors(Interceptors(sp)));
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<AppDb>("database", tags: ["ready"]);
        return builder;
    }

    private static IEnumerable<IInterceptor> Interceptors(IServiceProvider services) =>
        [.. services.GetServices<ISaveChangesInterceptor>(), .. services.GetServices<IUnitMoveListener>()];

    /// <summary>With no connection string configured, the database is a file under data/ beside the app.</summary>
    private static string SqliteConnectionString(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("Sqlite");
        var csb = new SqliteConnectionStringBuilder(configured ?? "Data Source=data/citizenvoice.db");
        if (!Path.IsPathRooted(csb.DataSource) && csb.DataSource != ":memory:")
        {
            csb.DataSource = Path.Combine(builder.Environment.ContentRootPath, csb.DataSource);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        csb.Pooling = true;
        return csb.ToString();
    }

    /// <summary>
    /// With <c>Database:MigrateOnStart</c> (the default), migrates and seeds as <see cref="MigrateDatabaseAsync"/>.
    /// Without it, refuses to start on a database whose schema is behind this version, with what to do instead.
    /// </summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
        {
            await app.MigrateDatabaseAsync();
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var pending = (await scope.ServiceProvider.GetRequiredService<AppDb>().Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database schema is behind this version of CitizenVoice: {pending.Count} migration(s) not applied ({pending[^1]} is the newest). "
                + "Run `dotnet CitizenVoice.dll migrate` once with the same settings before starting the app, or set Database__MigrateOnStart=true for a single copy.");
        }
    }

    /// <summary>
    /// Applies migrations and, on an empty database, seeds the demo data. Safe to run again: what <c>migrate</c> runs
    /// once per deployment, and every start runs when <c>Database:MigrateOnStart</c> is on.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer commits; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await db.Database.MigrateAsync();
        foreach (var seeder in scope.ServiceProvider.GetServices<ISeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(app.Lifetime.ApplicationStopping);
        }
    }
}

/// <summary>A feature's start-up data: the roles and settings every install needs, and demo data when enabled.</summary>
public interface ISeeder
{
    int Order { get; }
    Task SeedAsync(CancellationToken cancellationToken);
}
