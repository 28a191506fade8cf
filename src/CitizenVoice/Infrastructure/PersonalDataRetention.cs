using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// One kind of personal data a feature keeps only for a purpose (Law 91/2025 on personal data protection): when the
/// purpose has ended and the set time has passed, the rule deletes it and keeps the rest of the record. Rules must be
/// safe to run on several copies of the app at once: one set-based update each, never read-then-write.
/// </summary>
public interface IRetentionRule
{
    /// <summary>Deletes what has expired at <paramref name="now"/> (UTC); returns how many records lost personal data.</summary>
    Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct);
}

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>How often the rules run. Hourly: data goes within the hour its time is up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The first run after start, later than start-up work (migrations, seeding).</summary>
    public TimeSpan FirstRunAfter { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Runs every feature's <see cref="IRetentionRule"/> on a timer, on every copy of the app.</summary>
public sealed class PersonalDataRetention(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, ILogger<PersonalDataRetention> logger) : BackgroundService
{
    /// <summary>Every rule once, in a scope of its own; returns the records changed.</summary>
    public static async Task<int> RunOnceAsync(IServiceScopeFactory scopes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var rule in scope.ServiceProvider.GetServices<IRetentionRule>())
        {
            changed += await rule.DeleteExpiredAsync(now, ct);
        }

        return changed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(options.Value.FirstRunAfter, stoppingToken);
            using var timer = new PeriodicTimer(options.Value.Interval);
            do
            {
                try
                {
                    var changed = await RunOnceAsync(scopes, stoppingToken);
                    if (changed > 0 && logger.IsEnabled(LogLevel.Information))
                    {
                        logger.LogInformation("Personal data retention: {Changed} records lost personal data whose time was up", changed);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One bad run (database busy) must not stop the next.
                    logger.LogError(e, "Personal data retention failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class RetentionSetup
{
    /// <summary>Registers a feature's rule; the one timer that runs them all is registered with the first rule.</summary>
    public static IServiceCollection AddRetentionRule<TRule>(this IServiceCollection services) where TRule : class, IRetentionRule
    {
        services.AddScoped<IRetentionRule, TRule>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PersonalDataRetention>());
        if (!services.Any(s => s.ServiceType == typeof(IConfigureOptions<RetentionOptions>)))
        {
            services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
                .Validate(o => o.Interval >= TimeSpan.FromSeconds(1) && o.FirstRunAfter >= TimeSpan.Zero, "Retention needs a positive Interval.")
                .ValidateOnStart();
        }

        return services;
    }
}
