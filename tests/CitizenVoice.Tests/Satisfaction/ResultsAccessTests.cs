using System.Net;
using System.Net.Http.Json;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Satisfaction;

[Collection(AppCollection.Name)]
public sealed class ResultsAccessTests(CitizenVoiceApp app)
{
    [Theory]
    [InlineData("thuky")]
    [InlineData("khaosat")]
    public async Task Department_staff_see_no_results_card_and_are_refused_the_results_screens_and_exports_without_an_error(string account)
    {
        using var staff = app.CreateStaffClient();
        await staff.SignInAsync(account);

        var home = await staff.GetPageAsync("/quan-tri");
        Assert.Null(home.QuerySelector("main a[href='/quan-tri/ket-qua-hai-long']"));
        foreach (var url in new[]
                 {
                     "/quan-tri/ket-qua-hai-long", "/quan-tri/ket-qua-hai-long/gop-y", "/quan-tri/ket-qua-hai-long/xuat.xlsx",
                     "/quan-tri/ket-qua-hai-long/xuat.csv", "/quan-tri/ket-qua-hai-long/bao-cao.pdf", "/quan-tri/ket-qua-hai-long/du-lieu.xlsx",
                 })
        {
            using var response = await staff.Http.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{url}: {(int)response.StatusCode}");
            Assert.StartsWith("/khong-co-quyen", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_district_leader_still_has_the_results_card()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var home = await leader.GetPageAsync("/quan-tri");
        Assert.NotNull(home.QuerySelector("main a[href='/quan-tri/ket-qua-hai-long']"));
    }

    [Fact]
    public async Task An_officer_sees_how_many_comments_raise_each_topic_but_not_the_comments_themselves()
    {
        var unit = await new SatisfactionApiTests(app).NewCommuneAsync("BK-NS");
        using var client = app.CreateClient();
        var questionnaire = await CitizenVoice.Tests.Surveys.SurveyData.CurrentAsync(client);
        using (var posted = await client.PostAsJsonAsync("/api/v1/survey-responses", new
        {
            unitCode = unit, fieldCode = "CU-TRU", channel = "online", answers = CitizenVoice.Tests.Surveys.SurveyData.AllAnswers(questionnaire, 3),
            comment = "Chờ lâu quá, cán bộ trực hôm thứ Ba vắng mặt cả buổi sáng",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        var page = await officer.GetPageAsync($"/quan-tri/ket-qua-hai-long/gop-y?unit={unit}&q=vang%20mat");
        Assert.DoesNotContain("vắng mặt", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name=q]"));
        Assert.Contains("Thời gian chờ, giải quyết", page.QuerySelector("#topics")!.ParentElement!.TextContent, StringComparison.Ordinal);

        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var leaders = await leader.GetPageAsync($"/quan-tri/ket-qua-hai-long/gop-y?unit={unit}&q=vang%20mat");
        Assert.Contains("vắng mặt cả buổi sáng", leaders.QuerySelector("#list")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }
}
