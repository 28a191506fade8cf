using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Surveys;

[Collection(AppCollection.Name)]
public sealed class SurveyApiTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_current_questionnaire_has_five_elements_with_twenty_two_criteria_an_overall_question_and_scales()
    {
        using var client = app.CreateClient();
        var q = await client.GetFromJsonAsync<JsonElement>("/api/v1/questionnaires/current");

        Assert.Equal(1, q.GetProperty("version").GetInt32());
        var elements = q.GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(["E1", "E2", "E3", "E4", "E5"], elements.Select(e => e.GetProperty("code").GetString()));
        // 22 criteria plus one satisfaction question per element.
        Assert.Equal(27, elements.Sum(e => e.GetProperty("questions").GetArrayLength()));
        var first = elements[0].GetProperty("questions")[0];
        Assert.False(string.IsNullOrEmpty(first.GetProperty("id").GetString()));
        var values = first.GetProperty("scale").GetProperty("values").EnumerateArray().ToList();
        Assert.Equal("sat5", first.GetProperty("scale").GetProperty("code").GetString());
        Assert.Equal("Rất không hài lòng", values[0].GetProperty("label").GetString());
        Assert.Equal([false, false, false, true, true], values.Select(v => v.GetProperty("satisfied").GetBoolean()));
        Assert.Equal("sat5", q.GetProperty("overall").GetProperty("scale").GetProperty("code").GetString());
        Assert.Equal(3, q.GetProperty("profile").GetArrayLength());
    }

    [Fact]
    public async Task Posting_a_response_creates_it_and_increments_each_rollup_by_exactly_one()
    {
        using var client = app.CreateClient();
        var q = await SurveyData.CurrentAsync(client);
        var answers = SurveyData.AllAnswers(q, 4);
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-CM").Select(u => u.Id).SingleAsync());
        var before = await RollupCountsAsync(unitId);

        using var response = await client.PostAsJsonAsync("/api/v1/survey-responses",
            new { unitCode = "BK-CM", fieldCode = "DKX", channel = "online", answers, comment = "Cán bộ nhiệt tình." });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var stored = await app.WithDbAsync(db => db.SurveyResponses.SingleAsync(r => r.Id == id));
        Assert.Equal(SurveyChannel.Online, stored.Channel);
        Assert.Equal(answers.Length, stored.Answers.Count);
        var after = await RollupCountsAsync(unitId);
        foreach (var answer in answers)
        {
            Assert.Equal(before.GetValueOrDefault((answer.questionId, answer.value)) + 1, after[(answer.questionId, answer.value)]);
        }

        Assert.Equal(before.Values.Sum() + answers.Length, after.Values.Sum());
    }

    [Fact]
    public async Task A_second_response_with_the_same_receipt_code_for_the_same_unit_is_refused_with_409()
    {
        using var client = app.CreateClient();
        var answers = SurveyData.AllAnswers(await SurveyData.CurrentAsync(client), 5);
        using var first = await client.PostAsJsonAsync("/api/v1/survey-responses",
            new { unitCode = "BK-PN", fieldCode = "CCCD", channel = "kiosk", receiptCode = "000.26.11.H01-0042", answers });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        // The same code written differently is the same case.
        using var second = await client.PostAsJsonAsync("/api/v1/survey-responses",
            new { unitCode = "BK-PN", fieldCode = "CCCD", channel = "online", receiptCode = "000 26 11 h01 0042", answers });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Hồ sơ này đã được đánh giá.", problem.GetProperty("title").GetString());

        using var otherUnit = await client.PostAsJsonAsync("/api/v1/survey-responses",
            new { unitCode = "BK-TP", fieldCode = "CCCD", channel = "online", receiptCode = "000.26.11.H01-0042", answers });
        Assert.Equal(HttpStatusCode.Created, otherUnit.StatusCode);

        var hashes = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.ReceiptHash != null).Select(r => r.ReceiptHash!).ToListAsync());
        // Only keyed hashes are stored: 64 hexadecimal digits, which can never hold the code (its "H", its dots). A
        // check for the digits "0042" alone failed now and then: one hash in a few hundred contains them by chance.
        Assert.All(hashes, h => Assert.Matches("^[0-9A-F]{64}$", h));
    }

    [Fact]
    public async Task Invalid_answers_are_refused_with_400_and_Vietnamese_messages_per_field()
    {
        using var client = app.CreateClient();
        var q = await SurveyData.CurrentAsync(client);
        var questionId = SurveyData.QuestionIds(q)[0];

        using var response = await client.PostAsJsonAsync("/api/v1/survey-responses", new
        {
            unitCode = "BK-KHONG-CO", fieldCode = "CCCD", channel = "online",
            answers = new object[] { new { questionId = 999_999, value = 4 }, new { questionId, value = 9 } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Không có đơn vị nào mang mã BK-KHONG-CO.", errors.GetProperty("unitCode")[0].GetString());
        Assert.Equal("Câu hỏi 999999 không có trong bảng hỏi này.", errors.GetProperty("answers[0].questionId")[0].GetString());
        Assert.StartsWith("Giá trị 9 không có trong thang đo", errors.GetProperty("answers[1].value")[0].GetString());
    }

    [Fact]
    public async Task An_inactive_unit_and_a_staff_only_channel_are_refused()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        await app.WithDbAsync(async db =>
        {
            var parent = await db.Units.SingleAsync(u => u.Code == "BK-NR");
            db.Units.Add(new Features.Organisation.Unit
            {
                Code = "BK-NR-CLOSED", Name = "Công an xã Đã Giải Thể", Level = Features.Organisation.UnitLevel.Commune,
                ParentId = parent.Id, Path = parent.Path, ValidFrom = new DateOnly(2019, 1, 1), ValidTo = new DateOnly(2025, 7, 1),
            });
            await db.SaveChangesAsync();
        });
        using var client = app.CreateClient();
        var answers = SurveyData.AllAnswers(await SurveyData.CurrentAsync(client), 3);

        using var inactive = await client.PostAsJsonAsync("/api/v1/survey-responses", new { unitCode = "BK-NR-CLOSED", fieldCode = "CU-TRU", channel = "online", answers });
        var errors = (await inactive.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("đã ngừng hoạt động", errors.GetProperty("unitCode")[0].GetString());

        using var phone = await client.PostAsJsonAsync("/api/v1/survey-responses", new { unitCode = "BK-NR", fieldCode = "CU-TRU", channel = "phone", answers });
        Assert.Equal(HttpStatusCode.BadRequest, phone.StatusCode);
        Assert.True((await phone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("channel", out _));
    }

    [Fact]
    public async Task Responses_arriving_together_are_each_counted_once_and_racing_duplicates_are_refused()
    {
        using var client = app.CreateClient();
        var answers = SurveyData.AllAnswers(await SurveyData.CurrentAsync(client), 5);
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-BT").Select(u => u.Id).SingleAsync());

        // Several rounds: on PostgreSQL the duplicates race across writer lanes, and a lost race shows only sometimes.
        for (var round = 0; round < 5; round++)
        {
            var before = await RollupCountsAsync(unitId);
            var retriedId = Guid.NewGuid();
            var receiptCode = $"HS-DONG-THOI-{round}";

            // 20 different citizens, 10 attempts with one receipt code, and one kiosk retrying the same answer 10 times — all at once.
            var posts = Enumerable.Range(0, 40).Select(i => client.PostAsJsonAsync("/api/v1/survey-responses", i switch
            {
                < 20 => (object)new { unitCode = "BK-BT", fieldCode = "CU-TRU", channel = "online", answers },
                < 30 => new { unitCode = "BK-BT", fieldCode = "CU-TRU", channel = "online", answers, receiptCode },
                _ => new { unitCode = "BK-BT", fieldCode = "CU-TRU", channel = "kiosk", answers, clientId = retriedId },
            })).ToList();
            var responses = await Task.WhenAll(posts);

            Assert.All(responses[..20], r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            Assert.Equal(1, responses[20..30].Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.Equal(9, responses[20..30].Count(r => r.StatusCode == HttpStatusCode.Conflict));
            Assert.All(responses[30..], r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            foreach (var retry in responses[30..])
            {
                Assert.Equal(retriedId.ToString(), (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
            }

            var after = await RollupCountsAsync(unitId);
            Assert.Equal(22 * answers.Length, after.Values.Sum() - before.Values.Sum());
            Assert.Equal(1, await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.Id == retriedId)));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private Task<Dictionary<(int, int), long>> RollupCountsAsync(int unitId) => app.WithDbAsync(async db =>
        (await db.DailyRollups.Where(r => r.UnitId == unitId).Select(r => r.Answers).ToListAsync())
            .SelectMany(AnswerCounts.Parse).GroupBy(a => (a.QuestionId, a.Value)).ToDictionary(g => g.Key, g => g.Sum(a => a.Count)));
}
