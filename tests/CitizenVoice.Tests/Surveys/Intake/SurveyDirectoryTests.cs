using CitizenVoice.Data;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Surveys.Intake;

/// <summary>
/// The directory every submission is checked against (units, fields, the current questionnaire) is one load of the
/// whole unit tree. When it is out of date, the submissions in flight at that moment must not each load the tree again:
/// with 64 clients and a national tree of 3,400 units that cost more CPU than storing the responses.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SurveyDirectoryTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task Submissions_that_find_the_unit_directory_out_of_date_at_the_same_moment_load_it_once()
    {
        for (var round = 0; round < 5; round++)
        {
            var directory = new SurveyDirectory(app.Clock);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var lookups = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                await start.Task;
                await using var scope = app.Services.CreateAsyncScope();
                return await directory.UnitAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), "BK-NS-VT", CancellationToken.None);
            })).ToList();
            start.SetResult();
            var units = await Task.WhenAll(lookups);

            Assert.All(units, Assert.NotNull);
            // One load: every lookup got the entry of the same snapshot, not one of its own.
            Assert.Single(units.Distinct(ReferenceEqualityComparer.Instance));
        }
    }
}
