using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Tests.Infrastructure;
using CitizenVoice.Tests.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Satisfaction;

[Collection(AppCollection.Name)]
public sealed class SatisfactionApiTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task Responses_posted_through_the_api_change_the_figures_exactly()
    {
        var unit = await NewCommuneAsync("BK-TP");
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        var before = await SatisfactionAsync(client, $"unit={unit}&field=CCCD");
        Assert.Equal(0, before.GetProperty("responses").GetInt64());
        Assert.True(before.GetProperty("insufficientSample").GetBoolean());

        for (var i = 0; i < 3; i++)
        {
            await PostAsync(client, unit, "CCCD", SurveyData.AllAnswers(questionnaire, 5));
        }

        await PostAsync(client, unit, "CCCD", SurveyData.AllAnswers(questionnaire, 3));
        await PostAsync(client, unit, "DKX", SurveyData.AllAnswers(questionnaire, 1));

        var after = await SatisfactionAsync(client, $"unit={unit}&field=CCCD");
        Assert.Equal(4, after.GetProperty("responses").GetInt64());
        Assert.Equal(75.0, after.GetProperty("satisfiedRate").GetDouble());
        Assert.Equal(5, after.GetProperty("elements").GetArrayLength());
        Assert.All(after.GetProperty("elements").EnumerateArray(), e => Assert.Equal(75.0, e.GetProperty("rate").GetDouble()));
        var question = after.GetProperty("questions")[0];
        Assert.Equal(4, question.GetProperty("n").GetInt64());
        Assert.Equal(75.0, question.GetProperty("rate").GetDouble());
        var distribution = question.GetProperty("distribution").EnumerateArray().ToDictionary(d => d.GetProperty("value").GetInt32(), d => d.GetProperty("count").GetInt64());
        Assert.Equal(new Dictionary<int, long> { [1] = 0, [2] = 0, [3] = 1, [4] = 0, [5] = 3 }, distribution);
        Assert.Equal(75.0, after.GetProperty("overall").GetProperty("rate").GetDouble());
        // Four answers cannot support a figure: the interval is far wider than ±5 points.
        Assert.True(after.GetProperty("insufficientSample").GetBoolean());
        var ci = after.GetProperty("ci95");
        Assert.Equal(30.1, ci.GetProperty("low").GetDouble());
        Assert.Equal(95.4, ci.GetProperty("high").GetDouble());

        var allFields = await SatisfactionAsync(client, $"unit={unit}");
        Assert.Equal(5, allFields.GetProperty("responses").GetInt64());
        Assert.Equal(60.0, allFields.GetProperty("satisfiedRate").GetDouble());
        Assert.Equal(0, (await SatisfactionAsync(client, $"unit={unit}&channel=kiosk")).GetProperty("responses").GetInt64());
    }

    [Fact]
    public async Task Figures_for_one_procedure_count_only_the_responses_about_it()
    {
        var unit = await NewCommuneAsync("BK-TP");
        var procedure = await app.WithDbAsync(db => db.Procedures.Where(p => p.IsActive && p.Field!.Code == "XNC").Select(p => p.Code).FirstAsync());
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        var district = (await SatisfactionAsync(client, $"unit=BK-TP&procedure={procedure}")).GetProperty("responses").GetInt64();

        foreach (var value in new[] { 5, 1 })
        {
            using var response = await client.PostAsJsonAsync("/api/v1/survey-responses",
                new { unitCode = unit, fieldCode = "XNC", procedureCode = procedure, channel = "online", answers = SurveyData.AllAnswers(questionnaire, value) });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await PostAsync(client, unit, "XNC", SurveyData.AllAnswers(questionnaire, 5));

        var figures = await SatisfactionAsync(client, $"unit={unit}&procedure={procedure}");
        Assert.Equal(2, figures.GetProperty("responses").GetInt64());
        Assert.Equal(50.0, figures.GetProperty("satisfiedRate").GetDouble());
        Assert.Equal(3, (await SatisfactionAsync(client, $"unit={unit}")).GetProperty("responses").GetInt64());
        Assert.Equal(district + 2, (await SatisfactionAsync(client, $"unit=BK-TP&procedure={procedure}")).GetProperty("responses").GetInt64());
        // Whole months come from the procedure's monthly rows, the days before them from the daily rows: the same figure.
        var today = app.Today;
        var midMonth = await SatisfactionAsync(client, $"unit={unit}&procedure={procedure}&from={today.AddMonths(-1):yyyy-MM}-15&to={today:yyyy-MM-dd}");
        Assert.Equal(2, midMonth.GetProperty("responses").GetInt64());
        Assert.Equal(50.0, midMonth.GetProperty("satisfiedRate").GetDouble());
        Assert.Equal(2, (await SatisfactionAsync(client, $"unit={unit}&procedure={procedure}&channel=online")).GetProperty("responses").GetInt64());
    }

    [Fact]
    public async Task Responses_posted_while_figures_are_read_count_once_in_every_figure()
    {
        var unit = await NewCommuneAsync("BK-PN");
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        var today = $"&from={app.Today:yyyy-MM-dd}&to={app.Today:yyyy-MM-dd}";
        var district = (await SatisfactionAsync(client, "unit=BK-PN&field=CCCD")).GetProperty("responses").GetInt64();

        // Posts and reads at once: the readers fold pending increments while the writer adds more and the background fold runs.
        var posts = Enumerable.Range(0, 120).Select(i => PostAsync(client, unit, "CCCD", SurveyData.AllAnswers(questionnaire, 1 + i % 5)));
        var reads = Enumerable.Range(0, 20).Select(i => SatisfactionAsync(client, i % 2 == 0 ? "unit=BK-PN&field=CCCD" : "unit=BK-PN&field=CCCD" + today));
        await Task.WhenAll(posts.Concat<Task>(reads));

        var figures = await SatisfactionAsync(client, $"unit={unit}&field=CCCD");
        Assert.Equal(120, figures.GetProperty("responses").GetInt64());
        Assert.Equal(40.0, figures.GetProperty("satisfiedRate").GetDouble());
        Assert.Equal(120, (await SatisfactionAsync(client, $"unit={unit}&field=CCCD" + today)).GetProperty("responses").GetInt64());
        Assert.Equal(district + 120, (await SatisfactionAsync(client, "unit=BK-PN&field=CCCD")).GetProperty("responses").GetInt64());
        Assert.Empty(await app.WithDbAsync(db => db.PendingRollups.ToListAsync()));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<Features.Surveys.Rollups.RollupCheck>().RunAsync());
    }

    [Fact]
    public async Task A_district_with_sub_units_includes_its_communes_and_alone_does_not()
    {
        var unit = await NewCommuneAsync("BK-NR");
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        var alone = (await SatisfactionAsync(client, "unit=BK-NR&subunits=false&field=PCCC")).GetProperty("responses").GetInt64();
        var withSubunits = (await SatisfactionAsync(client, "unit=BK-NR&field=PCCC")).GetProperty("responses").GetInt64();

        await PostAsync(client, unit, "PCCC", SurveyData.AllAnswers(questionnaire, 4));

        Assert.Equal(alone, (await SatisfactionAsync(client, "unit=BK-NR&subunits=false&field=PCCC")).GetProperty("responses").GetInt64());
        Assert.Equal(withSubunits + 1, (await SatisfactionAsync(client, "unit=BK-NR&field=PCCC")).GetProperty("responses").GetInt64());
    }

    [Fact]
    public async Task A_merged_units_history_counts_in_its_successors_report()
    {
        var old = await NewCommuneAsync("BK-BT");
        var successor = await NewCommuneAsync("BK-BT");
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        await PostAsync(client, old, "CU-TRU", SurveyData.AllAnswers(questionnaire, 5));
        await PostAsync(client, old, "CU-TRU", SurveyData.AllAnswers(questionnaire, 2));

        await app.WithDbAsync(async db =>
        {
            var from = await db.Units.SingleAsync(u => u.Code == old);
            var to = await db.Units.SingleAsync(u => u.Code == successor);
            await UnitTree.MergeAsync(db, from, to, app.Today);
            await db.SaveChangesAsync();
        });

        var report = await SatisfactionAsync(client, $"unit={successor}&field=CU-TRU");
        Assert.Equal(2, report.GetProperty("responses").GetInt64());
        Assert.Equal(50.0, report.GetProperty("satisfiedRate").GetDouble());

        // The district's table of units under it shows the history in the successor's line; the old unit has none.
        await using var scope = app.Services.CreateAsyncScope();
        var today = app.Today;
        var children = await scope.ServiceProvider.GetRequiredService<Features.Satisfaction.SatisfactionReport>()
            .ByChildUnitAsync(new Features.Satisfaction.SatisfactionFilter("BK-BT", true, "CU-TRU", null, null, null, new DateOnly(today.Year, 1, 1), today));
        Assert.Equal(2, children.Single(c => c.Unit.Code == successor).Figures.Responses);
        Assert.DoesNotContain(children, c => c.Unit.Code == old);
    }

    [Fact]
    public async Task A_commune_moved_to_another_district_takes_its_history_with_it()
    {
        var unit = await NewCommuneAsync("BK-CD");
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        await PostAsync(client, unit, "CU-TRU", SurveyData.AllAnswers(questionnaire, 5));
        var procedure = await app.WithDbAsync(db => db.Procedures.Where(p => p.IsActive && p.Field!.Code == "CU-TRU").Select(p => p.Code).FirstAsync());
        using (var about = await client.PostAsJsonAsync("/api/v1/survey-responses",
            new { unitCode = unit, fieldCode = "CU-TRU", procedureCode = procedure, channel = "online", answers = SurveyData.AllAnswers(questionnaire, 1) }))
        {
            Assert.Equal(HttpStatusCode.Created, about.StatusCode);
        }

        async Task<long> ResponsesAsync(string query) => (await SatisfactionAsync(client, query + "&field=CU-TRU")).GetProperty("responses").GetInt64();
        var oldDistrict = await ResponsesAsync("unit=BK-CD");
        var oldDistrictProcedure = await ResponsesAsync("unit=BK-CD&procedure=" + procedure);
        var newDistrictProcedure = await ResponsesAsync("unit=BK-CM&procedure=" + procedure);
        var newDistrict = await ResponsesAsync("unit=BK-CM");
        var province = await ResponsesAsync("subunits=true");
        var day = $"&from={app.Today:yyyy-MM-dd}&to={app.Today:yyyy-MM-dd}";
        var oldDistrictToday = await ResponsesAsync("unit=BK-CD" + day);
        var newDistrictToday = await ResponsesAsync("unit=BK-CM" + day);
        Assert.True(oldDistrictToday >= 2);

        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await UnitTree.MoveAsync(db, await db.Units.SingleAsync(u => u.Code == unit), await db.Units.SingleAsync(u => u.Code == "BK-CM"));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });

        Assert.Equal(oldDistrict - 2, await ResponsesAsync("unit=BK-CD"));
        Assert.Equal(newDistrict + 2, await ResponsesAsync("unit=BK-CM"));
        Assert.Equal(province, await ResponsesAsync("subunits=true"));
        // The monthly rows of the procedure moved too.
        Assert.Equal(oldDistrictProcedure - 1, await ResponsesAsync("unit=BK-CD&procedure=" + procedure));
        Assert.Equal(newDistrictProcedure + 1, await ResponsesAsync("unit=BK-CM&procedure=" + procedure));
        // Today alone (not a whole month but on the 1st) is read from the subtree-by-day rows, which moved too.
        Assert.Equal(oldDistrictToday - 2, await ResponsesAsync("unit=BK-CD" + day));
        Assert.Equal(newDistrictToday + 2, await ResponsesAsync("unit=BK-CM" + day));
        // The subtree rows now agree with the units' current places, as if rebuilt from the raw responses.
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<Features.Surveys.Rollups.RollupCheck>().RunAsync());
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData("BK-NS", false, null)]
    [InlineData(null, true, null)]
    [InlineData("BK-NS", true, null)]
    [InlineData(null, true, Features.Surveys.SurveyChannel.Online)]
    [InlineData("BK-NS", true, Features.Surveys.SurveyChannel.Paper)]
    public async Task Figures_per_level_from_the_rollups_equal_the_own_daily_rows_of_each_level(string? unit, bool midMonth, Features.Surveys.SurveyChannel? channel)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<Features.Satisfaction.SatisfactionReport>();
        var today = app.Today;
        // Whole months (the monthly rows), or the 10th a year ago to the 20th of last month (the ends from the rows by day).
        var (from, to) = midMonth ? (new DateOnly(today.Year - 1, today.Month, 10), new DateOnly(today.Year, today.Month, 20).AddMonths(-1)) : (new DateOnly(2000, 1, 1), today);
        var levels = await report.ByLevelAsync(new(unit, true, null, null, channel, null, from, to));

        // The same by hand from the daily rows: each unit's own answers to element questions, by the unit's level.
        var catalog = scope.ServiceProvider.GetRequiredService<Features.Surveys.QuestionnaireCatalog>();
        var scales = new Dictionary<int, Features.Surveys.ScaleView>();
        foreach (var id in await app.WithDbAsync(db => db.Questionnaires.Where(q => q.Status == Features.Surveys.QuestionnaireStatus.Published).Select(q => q.Id).ToListAsync()))
        {
            foreach (var question in (await catalog.LoadAsync(id))!.Elements.SelectMany(e => e.Questions))
            {
                scales[question.Id] = question.Scale!;
            }
        }

        var path = unit is null ? "/" : await app.WithDbAsync(db => db.Units.Where(u => u.Code == unit).Select(u => u.Path).SingleAsync());
        var rows = await app.WithDbAsync(db => db.DailyRollups.Where(r => r.Day >= from && r.Day <= to && (channel == null || r.Channel == channel))
            .Join(db.Units.Where(u => u.Path.StartsWith(path)), r => r.UnitId, u => u.Id, (r, u) => new { u.Level, r.Answers }).ToListAsync());
        var expected = rows.SelectMany(r => Features.Surveys.Rollups.AnswerCounts.Parse(r.Answers).Select(a => (r.Level, a.QuestionId, a.Value, a.Count)))
            .Where(a => scales.TryGetValue(a.QuestionId, out var scale) && scale.Allows(a.Value))
            .GroupBy(a => a.Level)
            .Select(g => (g.Key, g.Sum(a => a.Count), g.Where(a => scales[a.QuestionId].Values.Single(v => v.Value == a.Value).Satisfied).Sum(a => a.Count)))
            .OrderBy(l => l.Key).ToList();

        Assert.Equal(expected, levels);
        Assert.Contains(levels, l => l.Level == UnitLevel.Commune && l.Ratings > 0);
        Assert.Equal(unit is null, levels.Any(l => l.Level == UnitLevel.Province));
    }

    [Fact]
    public async Task A_period_not_aligned_to_months_counts_exactly_the_answers_of_its_days()
    {
        using var client = app.CreateClient();
        var today = app.Today;
        // The 10th of a month a year ago to the 20th of last month: whole months in the middle, part months at each end.
        var from = new DateOnly(today.Year - 1, today.Month, 10);
        var to = new DateOnly(today.Year, today.Month, 20).AddMonths(-1);
        var report = await SatisfactionAsync(client, $"subunits=true&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        var question = report.GetProperty("questions")[0];
        // A question's figure follows its code across questionnaire versions.
        var code = question.GetProperty("code").GetString();
        var versions = await app.WithDbAsync(db => db.Set<Features.Surveys.Question>().Where(q => q.Code == code).Select(q => q.Id).ToListAsync());

        var days = await app.WithDbAsync(db => db.DailyRollups.Where(r => r.Day >= from && r.Day <= to).Select(r => new { r.Responses, r.Answers }).ToListAsync());
        Assert.Equal(days.Sum(d => d.Responses), report.GetProperty("responses").GetInt64());
        var expected = days.SelectMany(d => Features.Surveys.Rollups.AnswerCounts.Parse(d.Answers)).Where(a => versions.Contains(a.QuestionId))
            .GroupBy(a => a.Value).ToDictionary(g => g.Key, g => g.Sum(a => a.Count));
        var distribution = question.GetProperty("distribution").EnumerateArray()
            .Where(d => d.GetProperty("count").GetInt64() > 0).ToDictionary(d => d.GetProperty("value").GetInt32(), d => d.GetProperty("count").GetInt64());
        Assert.Equal(expected.OrderBy(e => e.Key), distribution.OrderBy(e => e.Key));
        Assert.True(distribution.Values.Sum() > 100);
    }

    [Fact]
    public async Task A_province_table_and_its_months_over_part_months_count_exactly_the_responses_of_their_days()
    {
        var today = app.Today;
        // Part months read as the month less its other days when that is fewer rows (the 4th to the 25th: the 4th–31st
        // as the month less three days, the 1st–25th as the month less the last days), otherwise day by day (the 28th
        // to the 5th): each sum must be the days' own.
        var all = await app.WithDbAsync(db => db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Path, u.SuccessorId }).ToListAsync());
        var byId = all.ToDictionary(u => u.Id);
        string PathNow(int id) => byId[id].SuccessorId is { } next ? PathNow(next) : byId[id].Path;
        foreach (var (from, to) in new[]
        {
            (new DateOnly(today.Year - 1, today.Month, 4), new DateOnly(today.Year, today.Month, 25).AddMonths(-1)),
            (new DateOnly(today.Year - 1, today.Month, 28), new DateOnly(today.Year, today.Month, 5).AddMonths(-1)),
        })
        {
            var days = await app.WithDbAsync(db => db.DailyRollups.Where(r => r.Day >= from && r.Day <= to).Select(r => new { r.UnitId, r.Day, r.Responses }).ToListAsync());
            await using var scope = app.Services.CreateAsyncScope();
            var report = scope.ServiceProvider.GetRequiredService<Features.Satisfaction.SatisfactionReport>();
            var filter = new Features.Satisfaction.SatisfactionFilter("BK", true, null, null, null, null, from, to);
            var children = await report.ByChildUnitAsync(filter);
            Assert.True(children.Count > 5);
            foreach (var (child, figures) in children)
            {
                Assert.Equal((child.Code, days.Where(d => PathNow(d.UnitId).StartsWith(child.Path, StringComparison.Ordinal)).Sum(d => d.Responses)), (child.Code, figures.Responses));
            }

            var (_, months) = await report.ByMonthAsync(filter);
            foreach (var (month, figures) in new[] { months[0], months[^1] })
            {
                Assert.Equal(days.Where(d => d.Day.Year == month.Year && d.Day.Month == month.Month).Sum(d => d.Responses), figures.Responses);
            }
        }
    }

    [Fact]
    public async Task Respondent_type_filters_to_organisations()
    {
        var unit = await NewCommuneAsync("BK-CD");
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        var respondentQuestion = int.Parse(questionnaire.GetProperty("profile")[0].GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
        // The district above, with its communes, reads the monthly subtree rows for the filter.
        async Task<long> DistrictOrganisationsAsync() =>
            (await SatisfactionAsync(client, "unit=BK-CD&field=CON-DAU&respondent=organisation&channel=online")).GetProperty("responses").GetInt64();
        var districtBefore = await DistrictOrganisationsAsync();
        await PostAsync(client, unit, "CON-DAU", [.. SurveyData.AllAnswers(questionnaire, 5), new(respondentQuestion, 2)]);
        await PostAsync(client, unit, "CON-DAU", [.. SurveyData.AllAnswers(questionnaire, 1), new(respondentQuestion, 1)]);

        var organisations = await SatisfactionAsync(client, $"unit={unit}&respondent=organisation");
        Assert.Equal(1, organisations.GetProperty("responses").GetInt64());
        Assert.Equal(100.0, organisations.GetProperty("satisfiedRate").GetDouble());
        Assert.Equal(0.0, (await SatisfactionAsync(client, $"unit={unit}&respondent=citizen")).GetProperty("satisfiedRate").GetDouble());
        Assert.Equal(districtBefore + 1, await DistrictOrganisationsAsync());
    }

    [Fact]
    public async Task Bad_filters_get_field_level_Vietnamese_messages()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/v1/satisfaction?unit=KHONG-CO&from=31-12-2026&channel=fax");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("yyyy-MM-dd", errors.GetProperty("from")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Kênh phải là", errors.GetProperty("channel")[0].GetString(), StringComparison.Ordinal);

        using var unknown = await client.GetAsync("/api/v1/satisfaction?unit=KHONG-CO");
        Assert.Equal("Không có mã KHONG-CO.", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("unit")[0].GetString());
    }

    internal static async Task<JsonElement> SatisfactionAsync(HttpClient client, string query) =>
        await client.GetFromJsonAsync<JsonElement>("/api/v1/satisfaction?" + query);

    internal static async Task PostAsync(HttpClient client, string unit, string field, SurveyData.Answer[] answers)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/survey-responses", new { unitCode = unit, fieldCode = field, channel = "online", answers });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>
    /// A commune of its own, so the figures a test asserts are only its own responses. It serves every field, so the
    /// figures can be checked field by field (the seeded communes serve only residence and identity cards).
    /// </summary>
    internal Task<string> NewCommuneAsync(string districtCode) => app.WithDbAsync(async db =>
    {
        var district = await db.Units.SingleAsync(u => u.Code == districtCode);
        var code = $"{districtCode}-T{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        var unit = new Unit { Code = code, Name = "Công an xã Thử " + code, Level = UnitLevel.Commune, Parent = district, ValidFrom = new DateOnly(2020, 1, 1) };
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unit.Path = district.Path + unit.Id + "/";
        db.UnitFields.AddRange(await db.Fields.Select(f => new UnitField { UnitId = unit.Id, FieldId = f.Id }).ToListAsync());
        await db.SaveChangesAsync();
        return code;
    });
}
