using System.Net;
using System.Net.Http.Json;
using CitizenVoice.Tests.Infrastructure;
using CitizenVoice.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CitizenVoice.Tests.Surveys;

/// <summary>
/// A copy whose survey writer falls behind tells the proxy so on <c>/health/ready</c>. The writer is held back the way
/// a real one is, by a database that does not take its writes for a while, on an app whose writer queue holds 20
/// responses (<c>Surveys:WriterQueueCapacity</c>).
/// </summary>
public sealed class SurveyWriterReadinessTests(SurveyWriterReadinessTests.SmallQueueApp app) : IClassFixture<SurveyWriterReadinessTests.SmallQueueApp>
{
    public sealed class SmallQueueApp : CitizenVoiceApp
    {
        public const int Capacity = 20;

        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Surveys:WriterQueueCapacity", Capacity.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task A_copy_whose_survey_queue_is_nine_tenths_full_answers_not_ready_and_is_ready_again_once_the_queue_has_drained()
    {
        using var client = app.CreateClient();
        var answers = SurveyData.AllAnswers(await SurveyData.CurrentAsync(client), 4);
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        // Posts in waves of what the queue holds. The writer's lanes (three on PostgreSQL) each take what is queued in
        // one batch and then wait on the database; how much they took first depends on timing, so waves go on until
        // the queue itself is nine tenths full (a few waves at most: a waiting lane takes nothing more).
        var posts = new List<Task<HttpResponseMessage>>();
        await using (await HoldWritesAsync())
        {
            string? notReady = null;
            for (var wave = 0; wave < 10 && notReady is null; wave++)
            {
                posts.AddRange(Enumerable.Range(0, SmallQueueApp.Capacity).Select(_ => client.PostAsJsonAsync("/api/v1/survey-responses",
                    new { unitCode = "BK-CM", fieldCode = "CU-TRU", channel = "kiosk", answers })));
                notReady = await WaitForAsync(client, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(5), orNull: true);
            }

            Assert.NotNull(notReady);
            Assert.Contains("Unhealthy", notReady);
            Assert.DoesNotContain(posts, p => p.IsCompleted);
        }

        // The database takes writes again: the queue drains, every citizen gets an answer, and the copy is ready.
        var responses = await Task.WhenAll(posts);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        await WaitForAsync(client, HttpStatusCode.OK);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private static async Task<string?> WaitForAsync(HttpClient client, HttpStatusCode status, TimeSpan? within = null, bool orNull = false)
    {
        var last = "";
        for (var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(90)); DateTime.UtcNow < until; await Task.Delay(100))
        {
            using var ready = await client.GetAsync("/health/ready");
            last = $"{(int)ready.StatusCode} {await ready.Content.ReadAsStringAsync()}";
            if (ready.StatusCode == status)
            {
                return last;
            }
        }

        return orNull ? null : throw new TimeoutException($"/health/ready never answered {(int)status}; last {last}");
    }

    /// <summary>
    /// Keeps the writer from committing until disposed. SQLite: the write gate, held as a rollup rebuild holds it (the
    /// database has one writer at a time, and a held SQLite lock would time the writer out after 30 s). PostgreSQL:
    /// another connection locks the responses table in a mode that lets readers through but blocks every insert.
    /// </summary>
    private async Task<IAsyncDisposable> HoldWritesAsync()
    {
        if (!CitizenVoiceApp.OnPostgres)
        {
            var turn = await app.Services.GetRequiredService<WriteGate>().EnterAsync(CancellationToken.None);
            return new Released(turn!);
        }

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.DatabaseSettings.ToDictionary()["ConnectionStrings:Postgres"]) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var hold = connection.CreateCommand();
        // Closing the (unpooled) connection rolls the transaction back and lets the writer through.
        hold.CommandText = "BEGIN; LOCK TABLE \"SurveyResponses\" IN SHARE ROW EXCLUSIVE MODE;";
        await hold.ExecuteNonQueryAsync();
        return connection;
    }

    private sealed class Released(IDisposable turn) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            turn.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
