using System.Net;
using AngleSharp.Html.Dom;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Surveys.Intake;

[Collection(AppCollection.Name)]
public sealed class SteppedSurveyTests(CitizenVoiceApp app)
{
    private const string Url = "/khao-sat/BK-NS-VT/CCCD/tung-buoc";

    [Fact]
    public async Task A_citizen_answers_one_element_per_step_goes_back_without_losing_answers_and_the_draft_is_gone_once_sent()
    {
        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync(Url);
        Assert.Equal("Bước 1/6", page.QuerySelector("#survey-progress")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[href='/khao-sat/BK-NS-VT/CCCD']"));

        page = await NextAsync(citizen, page, "tiep", 5);
        Assert.Equal("Bước 2/6", page.QuerySelector("#survey-progress")!.TextContent.Trim());
        var token = page.QuerySelector("input[name=Token]")!.GetAttribute("value")!;
        var draft = await app.WithDbAsync(db => db.SurveyDrafts.AsNoTracking().SingleAsync(d => d.Id == SurveyDraft.HashOf(token)));
        Assert.Equal(5, SurveyDraft.Unpack(draft.Answers).Count);

        // Back to step 1: the answers given there are still chosen.
        page = await NextAsync(citizen, page, "quay-lai", null);
        Assert.Equal("Bước 1/6", page.QuerySelector("#survey-progress")!.TextContent.Trim());
        Assert.Equal(5, page.QuerySelectorAll("input[type=radio][value='5']:checked").Length);

        for (var step = 1; step <= 5; step++)
        {
            page = await NextAsync(citizen, page, "tiep", 4);
        }

        Assert.Equal("Bước 6/6", page.QuerySelector("#survey-progress")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("textarea[name=Comment]"));
        using var sent = await PostAsync(citizen, page, [new("command", "gui"), new("Comment", "Trả lời từng bước rất tiện.")]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/khao-sat/cam-on", sent.Headers.Location!.OriginalString);
        var stored = await app.WithDbAsync(db => db.SurveyResponses.SingleAsync(r => r.Comment == "Trả lời từng bước rất tiện."));
        Assert.Equal(SurveyChannel.Online, stored.Channel);
        Assert.Equal(27, stored.Answers.Count);
        Assert.False(await app.WithDbAsync(db => db.SurveyDrafts.AnyAsync(d => d.Id == SurveyDraft.HashOf(token))));
    }

    [Fact]
    public async Task A_draft_left_half_way_is_deleted_once_it_expires()
    {
        using var citizen = app.CreateStaffClient();
        var page = await NextAsync(citizen, await citizen.GetPageAsync(Url), "tiep", 3);
        var hash = SurveyDraft.HashOf(page.QuerySelector("input[name=Token]")!.GetAttribute("value")!);

        await using var scope = app.Services.CreateAsyncScope();
        var retention = new SurveyDraftRetention(scope.ServiceProvider.GetRequiredService<CitizenVoice.Data.AppDb>());
        await retention.DeleteExpiredAsync(app.Clock.GetUtcNow().UtcDateTime, default);
        Assert.True(await app.WithDbAsync(db => db.SurveyDrafts.AnyAsync(d => d.Id == hash)));
        await retention.DeleteExpiredAsync(app.Clock.GetUtcNow().UtcDateTime + SurveyDraft.Lifetime + TimeSpan.FromMinutes(1), default);
        Assert.False(await app.WithDbAsync(db => db.SurveyDrafts.AnyAsync(d => d.Id == hash)));
    }

    /// <summary>Chooses <paramref name="value"/> for every question of the step (none when null) and presses a button.</summary>
    private static async Task<IHtmlDocument> NextAsync(StaffClient citizen, IHtmlDocument page, string command, int? value)
    {
        var answers = value is null ? [] : page.QuerySelectorAll("input[type=radio]").Select(r => r.GetAttribute("name")!).Distinct()
            .Select(n => new KeyValuePair<string, string>(n, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var response = await PostAsync(citizen, page, [.. answers, new("command", command)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await StaffClient.ParseAsync(response);
    }

    private static async Task<HttpResponseMessage> PostAsync(StaffClient citizen, IHtmlDocument page, List<KeyValuePair<string, string>> fields)
    {
        var form = page.QuerySelector("main form[method=post]")!;
        var names = fields.Select(f => f.Key).ToHashSet();
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Where(i => !string.IsNullOrEmpty(i.Name) && !names.Contains(i.Name!))
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).Concat(fields).ToList();
        using var content = new FormUrlEncodedContent(values);
        return await citizen.Http.PostAsync(Url, content);
    }
}
