using System.Net;
using System.Net.Http.Json;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Data;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Surveys;

/// <summary>The monthly and by-day rows are folded from pending increments after the responses' own transactions.</summary>
[Collection(AppCollection.Name)]
public sealed class RollupFoldTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task Responses_posted_and_deleted_while_folds_run_are_each_counted_once_in_every_rollup_row()
    {
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        async Task<Guid> PostAsync(int value)
        {
            using var posted = await client.PostAsJsonAsync("/api/v1/survey-responses",
                new { unitCode = "BK-CM", fieldCode = "CU-TRU", channel = "kiosk", answers = SurveyData.AllAnswers(questionnaire, value) });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            return Guid.Parse((await posted.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["id"]);
        }

        var first = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            first.Add(await PostAsync(1 + i % 5));
        }

        // Folds race with postings (new pending increments) and with deletions, which change the monthly rows
        // themselves: a fold that wrote rows it had read before a deletion would undo that deletion.
        using var stop = new CancellationTokenSource();
        var folding = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var scope = app.Services.CreateAsyncScope();
                await app.Services.GetRequiredService<PendingRollupFold>().FoldAsync(scope.ServiceProvider.GetRequiredService<AppDb>());
            }
        });
        var posting = Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await PostAsync(5);
            }
        });
        foreach (var id in first.Take(15))
        {
            await using var scope = app.Services.CreateAsyncScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<SurveyRecorder>().DeleteAsync(id, "Kiểm thử gộp đồng thời"));
        }

        await posting;
        await stop.CancelAsync();
        await folding;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<RollupCheck>().RunAsync());
        }

        Assert.False(await app.WithDbAsync(db => db.PendingRollups.AnyAsync()));
    }
}
