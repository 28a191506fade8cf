namespace CitizenVoice.Features.Visitors;

/// <summary>The visitor statistics box of the public portal ("Thống kê truy cập"). How it counts: docs/visitors.md.</summary>
public static class VisitorsSetup
{
    public static IHostApplicationBuilder AddVisitors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<VisitorOptions>().BindConfiguration(VisitorOptions.Section)
            .Validate(o => o.FlushInterval > TimeSpan.Zero && o.OnlineWindow >= TimeSpan.FromMinutes(1),
                "Visitors:FlushInterval must be positive and Visitors:OnlineWindow at least a minute.")
            .ValidateOnStart();
        builder.Services.AddSingleton<VisitorCounter>();
        builder.Services.AddScoped<VisitorStore>();
        if (builder.Configuration.GetValue(VisitorOptions.Section + ":" + nameof(VisitorOptions.Count), true))
        {
            builder.Services.AddSingleton<VisitorFlushService>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<VisitorFlushService>());
        }

        return builder;
    }

    /// <summary>After routing and authorisation: the endpoint says whether the request is a public page.</summary>
    public static WebApplication UseVisitorCounting(this WebApplication app)
    {
        if (app.Configuration.GetValue(VisitorOptions.Section + ":" + nameof(VisitorOptions.Count), true))
        {
            app.UseMiddleware<VisitorCounting>();
        }

        return app;
    }
}
