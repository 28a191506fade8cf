namespace CitizenVoice.Features.Satisfaction;

public static class SatisfactionSetup
{
    public static IHostApplicationBuilder AddSatisfaction(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<SatisfactionReport>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSatisfaction(this IEndpointRouteBuilder app)
    {
        app.MapSatisfactionApi();
        return app;
    }
}
