using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using CitizenVoice.Infrastructure;
using CitizenVoice.Tests.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>What operators watch: the app's own measurements move with the work, and traces leave by OTLP when asked.</summary>
[Collection(AppCollection.Name)]
public sealed class TelemetryTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task Storing_survey_responses_moves_the_apps_own_counters_and_the_writer_queue_is_observable()
    {
        using var client = app.CreateClientFrom(CitizenVoiceApp.NewClientAddress());
        var scope = app.Services.GetRequiredService<IMeterFactory>();
        long stored = 0, batches = 0;
        var queueObserved = false;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this app's meter: other test apps in the process have meters of the same name.
            if (instrument.Meter.Name == AppMetrics.MeterName && instrument.Meter.Scope == scope)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "citizenvoice.survey.responses_stored")
            {
                Interlocked.Add(ref stored, value);
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "citizenvoice.survey.writer_batch")
            {
                Interlocked.Increment(ref batches);
            }
            else if (instrument.Name == "citizenvoice.survey.writer_queue" && value >= 0)
            {
                queueObserved = true;
            }
        });
        listener.Start();

        var questionnaire = await SurveyData.CurrentAsync(client);
        for (var i = 0; i < 3; i++)
        {
            using var posted = await client.PostAsJsonAsync("/api/v1/survey-responses",
                new { unitCode = "BK-CM", fieldCode = "CU-TRU", channel = "kiosk", answers = SurveyData.AllAnswers(questionnaire, 4) });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        listener.RecordObservableInstruments();
        Assert.Equal(3, Interlocked.Read(ref stored));
        Assert.True(Interlocked.Read(ref batches) >= 1);
        Assert.True(queueObserved);
    }

    private sealed class TracedApp(string endpoint) : CitizenVoiceApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint),
            new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            new("OTEL_BSP_SCHEDULE_DELAY", "200"),
        ];
    }

    [Fact]
    public async Task With_an_OTLP_endpoint_set_the_app_exports_traces_of_its_requests_to_it()
    {
        var port = TestPorts.Free();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        await using var traced = new TracedApp($"http://127.0.0.1:{port}");
        using var client = traced.CreateClient();
        using (var page = await client.GetAsync("/doi-thoai"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        // The collector: take what the exporter posts until the request's trace arrives (earlier posts may carry
        // only the start-up's database spans).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var context = await collector.GetContextAsync().WaitAsync(timeout.Token);
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, timeout.Token);
            context.Response.StatusCode = 200;
            context.Response.Close();
            var text = Encoding.UTF8.GetString(body.ToArray());
            if (context.Request.Url!.AbsolutePath == "/v1/traces" && text.Contains("/doi-thoai", StringComparison.Ordinal))
            {
                Assert.Contains("CitizenVoice", text);
                return;
            }
        }
    }
}
