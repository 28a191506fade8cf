using System.Net;
using System.Net.Http.Json;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Surveys;

public sealed class SampleSizeTests
{
    [Theory]
    [InlineData(5, null, 385)]
    [InlineData(3, null, 1068)]
    [InlineData(5, 1000, 278)]
    [InlineData(5, 100, 80)]
    [InlineData(5, 20, 20)]
    public void The_target_sample_follows_the_formula_with_the_finite_population_correction(double margin, int? cases, int expected) =>
        Assert.Equal(expected, SampleSize.Target(margin, cases));
}

[Collection(AppCollection.Name)]
public sealed class SurveyRoundTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task A_round_shows_its_targets_from_the_margin_of_error_and_the_answers_collected_by_channel()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        using var created = await member.SubmitFormAsync("/quan-tri/khao-sat/dot/them",
        [
            new("Name", "Đợt I năm 2026"), new("MarginPoints", "5"), new("UnitCodes", "BK-CM"), new("UnitCodes", "BK-BT"), new("FieldCodes", "PCCC"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var roundPage = created.Headers.Location!.OriginalString;

        using var client = app.CreateClient();
        var answers = SurveyData.AllAnswers(await SurveyData.CurrentAsync(client), 4);
        using var online = await client.PostAsJsonAsync("/api/v1/survey-responses", new { unitCode = "BK-CM", fieldCode = "PCCC", channel = "online", answers });
        using var kiosk = await client.PostAsJsonAsync("/api/v1/survey-responses", new { unitCode = "BK-CM", fieldCode = "PCCC", channel = "kiosk", answers });
        Assert.Equal(HttpStatusCode.Created, kiosk.StatusCode);

        var page = await member.GetPageAsync(roundPage);
        Assert.Contains("385", page.QuerySelector("#sample-formula")!.TextContent);
        var row = page.QuerySelector("#round-progress tr[data-unit='BK-CM']")!;
        Assert.Equal("385", row.QuerySelector(".target")!.TextContent.Trim());
        Assert.StartsWith("2", row.QuerySelector(".collected")!.TextContent.Trim());
        Assert.Equal(2, page.QuerySelectorAll("#round-progress tbody tr").Length);

        var cases = row.QuerySelector("input[type=number]")!.GetAttribute("name")!;
        using var updated = await member.SubmitFormAsync(roundPage, [new(cases, "1000")]);
        Assert.Equal(HttpStatusCode.Redirect, updated.StatusCode);
        var after = await member.GetPageAsync(roundPage);
        Assert.Equal("278", after.QuerySelector("#round-progress tr[data-unit='BK-CM'] .target")!.TextContent.Trim());
        Assert.Equal(278, await app.WithDbAsync(db => db.SurveyRoundTargets.Where(t => t.CasesHandled == 1000).Select(t => t.Target).SingleAsync()));
    }
}
