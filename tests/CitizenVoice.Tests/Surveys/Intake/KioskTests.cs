using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Surveys;

[Collection(AppCollection.Name)]
public sealed class KioskTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_kiosk_draws_its_five_faces_as_named_images_and_needs_no_emoji_font()
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/khao-sat/kiosk/BK-NS/CCCD");

        // Emoji (pictographs, symbols and dingbats) show as empty boxes on a tablet without a colour emoji font.
        var emoji = html.EnumerateRunes().Where(r => r.Value is (>= 0x1F300 and <= 0x1FAFF) or (>= 0x2600 and <= 0x27BF)).ToList();
        Assert.Empty(emoji);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var faces = page.QuerySelectorAll("#kiosk-rate button svg[role=img]");
        Assert.Equal(5, faces.Length);
        Assert.Equal(
            new[] { "Mặt rất buồn", "Mặt buồn", "Mặt bình thường", "Mặt vui", "Mặt rất vui" },
            faces.Select(f => f.GetAttribute("aria-label") ?? "").ToArray());
    }

    [Fact]
    public async Task A_kiosk_retry_with_the_same_clientId_is_not_recorded_twice()
    {
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        var overall = int.Parse(questionnaire.GetProperty("overall").GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var clientId = Guid.NewGuid();
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-PN").Select(u => u.Id).SingleAsync());
        Task<long> CountedAsync() => app.WithDbAsync(async db =>
            (await db.DailyRollups.Where(r => r.UnitId == unitId && r.Channel == SurveyChannel.Kiosk).Select(r => r.Answers).ToListAsync())
            .SelectMany(AnswerCounts.Parse).Where(a => a.QuestionId == overall && a.Value == 5).Sum(a => a.Count));
        var before = await CountedAsync();
        var body = new { clientId, unitCode = "BK-PN", fieldCode = "PCCC", channel = "kiosk", answers = new[] { new { questionId = overall, value = 5 } } };

        using var first = await client.PostAsJsonAsync("/api/v1/survey-responses", body);
        using var retry = await client.PostAsJsonAsync("/api/v1/survey-responses", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var id = (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(clientId.ToString(), id);
        Assert.Equal(1, await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.Id == clientId)));
        Assert.Equal(before + 1, await CountedAsync());
    }

    [Fact]
    public async Task A_kiosk_follow_up_replaces_the_one_tap_response_so_the_citizen_counts_once()
    {
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        var overall = int.Parse(questionnaire.GetProperty("overall").GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var element = SurveyData.QuestionIds(questionnaire)[0];
        var (tap, follow) = (Guid.NewGuid(), Guid.NewGuid());

        using var first = await client.PostAsJsonAsync("/api/v1/survey-responses",
            new { clientId = tap, unitCode = "BK-NR", fieldCode = "DKX", channel = "kiosk", answers = new[] { new { questionId = overall, value = 4 } } });
        using var second = await client.PostAsJsonAsync("/api/v1/survey-responses",
            new { clientId = follow, replaces = tap, unitCode = "BK-NR", fieldCode = "DKX", channel = "kiosk",
                  answers = new[] { new { questionId = overall, value = 4 }, new { questionId = element, value = 2 } } });

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var live = await app.WithDbAsync(db => db.SurveyResponses.Where(r => (r.Id == tap || r.Id == follow) && !r.IsDeleted).Select(r => r.Id).ToListAsync());
        Assert.Equal([follow], live);
    }

    [Fact]
    public async Task The_kiosk_works_without_JavaScript_as_a_plain_form()
    {
        using var kiosk = app.CreateStaffClient();
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-CD").Select(u => u.Id).SingleAsync());
        Task<int> KioskResponsesAsync() => app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.UnitId == unitId && r.Channel == SurveyChannel.Kiosk));
        var before = await KioskResponsesAsync();
        var page = await kiosk.GetPageAsync("/khao-sat/kiosk/BK-CD/CU-TRU");
        Assert.Equal(5, page.QuerySelectorAll("#kiosk-rate button[name=Value]").Length);

        using var tapped = await kiosk.SubmitFormAsync("/khao-sat/kiosk/BK-CD/CU-TRU", [new("Value", "5")]);
        Assert.Equal(HttpStatusCode.Redirect, tapped.StatusCode);
        var thanks = await kiosk.GetPageAsync(tapped.Headers.Location!.OriginalString);
        Assert.Contains("Cảm ơn", thanks.QuerySelector("#kiosk-follow-up [role=status]")!.TextContent);
        Assert.Equal(before + 1, await KioskResponsesAsync());
    }

    [Fact]
    public async Task A_kiosk_response_cannot_be_replaced_from_another_device_even_by_someone_who_knows_its_id()
    {
        using var kiosk = app.CreateStaffClient();
        using var tapped = await kiosk.SubmitFormAsync("/khao-sat/kiosk/BK-NR/CU-TRU", [new("Value", "5")]);
        Assert.Equal(HttpStatusCode.Redirect, tapped.StatusCode);
        var tap = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.Channel == SurveyChannel.Kiosk && !r.IsDeleted)
            .OrderByDescending(r => r.CreatedAt).Select(r => r.Id).FirstAsync());
        Assert.DoesNotContain(tap.ToString(), tapped.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);

        using var other = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(other);
        var overall = int.Parse(questionnaire.GetProperty("overall").GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var element = SurveyData.QuestionIds(questionnaire)[0];
        using var replaced = await other.PostAsJsonAsync("/api/v1/survey-responses",
            new { clientId = Guid.NewGuid(), replaces = tap, unitCode = "BK-NR", fieldCode = "CU-TRU", channel = "kiosk",
                  answers = new[] { new { questionId = overall, value = 1 }, new { questionId = element, value = 1 } } });

        Assert.Equal(HttpStatusCode.Conflict, replaced.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.Id == tap).Select(r => r.IsDeleted).SingleAsync()));
    }

    [Fact]
    public async Task A_kiosk_follow_up_keeps_the_overall_rating_given_with_the_tap()
    {
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        var overall = int.Parse(questionnaire.GetProperty("overall").GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var element = SurveyData.QuestionIds(questionnaire)[0];
        var (tap, follow) = (Guid.NewGuid(), Guid.NewGuid());

        using var first = await client.PostAsJsonAsync("/api/v1/survey-responses",
            new { clientId = tap, unitCode = "BK-NR", fieldCode = "DKX", channel = "kiosk", answers = new[] { new { questionId = overall, value = 5 } } });
        using var second = await client.PostAsJsonAsync("/api/v1/survey-responses",
            new { clientId = follow, replaces = tap, unitCode = "BK-NR", fieldCode = "DKX", channel = "kiosk",
                  answers = new[] { new { questionId = overall, value = 1 }, new { questionId = element, value = 4 } } });

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var stored = await app.WithDbAsync(db => db.SurveyResponses.SingleAsync(r => r.Id == follow));
        Assert.Equal(5, stored.Answers.Single(a => a.QuestionId == overall).Value);
        Assert.Equal(4, stored.Answers.Single(a => a.QuestionId == element).Value);
    }

    [Fact]
    public async Task Without_JavaScript_the_follow_up_replaces_the_tap_of_the_same_kiosk()
    {
        using var kiosk = app.CreateStaffClient();
        // The tap is the kiosk response that was not there before it (other tests post kiosk responses too).
        var before = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.Channel == SurveyChannel.Kiosk).Select(r => r.Id).ToListAsync());
        using var tapped = await kiosk.SubmitFormAsync("/khao-sat/kiosk/BK-NR/PCCC", [new("Value", "4")]);
        var after = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.Channel == SurveyChannel.Kiosk && !r.IsDeleted).Select(r => r.Id).ToListAsync());
        var tap = after.Except(before).Single();
        var thanks = await kiosk.GetPageAsync(tapped.Headers.Location!.OriginalString);
        var radio = thanks.QuerySelector("#kiosk-follow-up input[type=radio]")!.GetAttribute("name")!;

        using var followed = await kiosk.SubmitFormAsync(tapped.Headers.Location!.OriginalString, [new(radio, "2")], formAction: "FollowUp");

        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.Id == tap).Select(r => r.IsDeleted).SingleAsync()));
    }
}
