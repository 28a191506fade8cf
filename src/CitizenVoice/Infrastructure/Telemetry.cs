using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// The app's own measurements (meter "CitizenVoice"), beside ASP.NET Core's, the runtime's and Npgsql's. Components
/// that own a gauge's value (the survey writer's queue, the live room's viewers) register the gauge on <see cref="Meter"/>.
/// Readable locally with <c>dotnet-counters monitor -n CitizenVoice --counters CitizenVoice</c>.
/// </summary>
public sealed class AppMetrics
{
    public const string MeterName = "CitizenVoice";

    public AppMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        ResponsesStored = Meter.CreateCounter<long>("citizenvoice.survey.responses_stored", "{response}", "Survey responses committed by the writer.");
        WriterBatchSize = Meter.CreateHistogram<int>("citizenvoice.survey.writer_batch", "{response}", "Responses committed together in one transaction.");
        FoldDuration = Meter.CreateHistogram<double>("citizenvoice.rollup.fold_duration", "s", "Time to fold the waiting rollup increments into the monthly figures.");
        FoldedIncrements = Meter.CreateCounter<long>("citizenvoice.rollup.folded", "{batch}", "Writer batches' increments folded into the monthly figures.");
        LiveDelivery = Meter.CreateHistogram<double>("citizenvoice.live_room.delivery_duration", "s", "Time to hand a live-room message to every viewer's connection (and to Redis).");
        RemindersSent = Meter.CreateCounter<long>("citizenvoice.reminders.sent", "{mail}", "Reminder emails sent (tag kind: commitment or feedback).");
    }

    public Meter Meter { get; }

    public Counter<long> ResponsesStored { get; }

    public Histogram<int> WriterBatchSize { get; }

    public Histogram<double> FoldDuration { get; }

    public Counter<long> FoldedIncrements { get; }

    public Histogram<double> LiveDelivery { get; }

    public Counter<long> RemindersSent { get; }
}

public static class TelemetrySetup
{
    /// <summary>
    /// OpenTelemetry traces and metrics, exported by OTLP only when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and
    /// the other <c>OTEL_*</c> variables) are set; without it nothing is collected or exported. Logs stay on the console;
    /// <c>Logging__Console__FormatterName=json</c> makes them one JSON object per line for a log collector.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AppMetrics>();
        if (builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is not { Length: > 0 })
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("CitizenVoice"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource("Npgsql"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                .AddMeter("Npgsql", AppMetrics.MeterName))
            .UseOtlpExporter();
        return builder;
    }
}
