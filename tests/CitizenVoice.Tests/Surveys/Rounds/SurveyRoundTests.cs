using System.Net;
using System.Net.Http.Json;
using CitizenVoice.Features.Organisation;
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

    [Fact]
    public async Task A_round_takes_every_commune_of_a_district_and_every_unit_of_a_level_without_choosing_them_one_by_one()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var form = await member.GetPageAsync("/quan-tri/khao-sat/dot/them");
        Assert.NotNull(form.QuerySelector("input[type=checkbox][name=CommunesOf][value='BK-NS']"));
        Assert.Null(form.QuerySelector("select[multiple]"));

        using var created = await member.SubmitFormAsync("/quan-tri/khao-sat/dot/them",
        [
            new("Name", "Đợt theo huyện"), new("MarginPoints", "5"), new("CommunesOf", "BK-NS"), new("Levels", "District"), new("FieldCodes", "CCCD"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var expected = await app.WithDbAsync(async db =>
        {
            var nganSon = await db.Units.SingleAsync(u => u.Code == "BK-NS");
            // A round asks a unit only about a field it serves (identity cards: every district and commune in the demo).
            return await db.Units.Active()
                .Where(u => u.Level == Features.Organisation.UnitLevel.District || u.ParentId == nganSon.Id && u.Level == Features.Organisation.UnitLevel.Commune)
                .Where(u => db.UnitFields.Any(f => f.UnitId == u.Id && db.Fields.Any(x => x.Id == f.FieldId && x.Code == "CCCD")))
                .Select(u => u.Id).OrderBy(id => id).ToListAsync();
        });
        var taken = await app.WithDbAsync(db => db.SurveyRounds.Where(r => r.Name == "Đợt theo huyện")
            .SelectMany(r => r.Targets).Select(t => t.UnitId).OrderBy(id => id).ToListAsync());
        Assert.True(expected.Count > 8, "Ngân Sơn's communes and the districts should be more than the districts alone");
        Assert.Equal(expected, taken);
    }
}
