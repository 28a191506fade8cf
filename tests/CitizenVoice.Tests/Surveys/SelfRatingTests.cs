using System.Net;
using System.Net.Http.Json;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Surveys;

/// <summary>Staff signed in may not pass off a rating of their own unit as a citizen's, on any citizens' channel.</summary>
[Collection(AppCollection.Name)]
public sealed class SelfRatingTests(CitizenVoiceApp app)
{
    private Task<int> ResponsesAsync(string unitCode) =>
        app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => db.Units.Any(u => u.Id == r.UnitId && u.Code == unitCode) && !r.IsDeleted));

    private Task<int> RefusalsAsync(string userName) =>
        app.WithDbAsync(db => db.AuditLog.CountAsync(e => e.UserName == userName && e.Action == SurveyRecorder.RefusedAction));

    [Fact]
    public async Task An_officer_signed_in_is_warned_on_the_online_form_of_their_unit_and_their_rating_is_refused_and_audited()
    {
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.babe");
        var form = await officer.GetPageAsync("/khao-sat/BK-BB/CU-TRU");
        Assert.NotNull(form.QuerySelector("#survey-staff"));
        var first = form.QuerySelector("input[type=radio]")!.GetAttribute("name")!;
        var (before, refusals) = (await ResponsesAsync("BK-BB"), await RefusalsAsync("canbo.babe"));

        using var refused = await officer.SubmitFormAsync("/khao-sat/BK-BB/CU-TRU", [new(first, "5")]);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("không được đánh giá đơn vị mình", (await StaffClient.ParseAsync(refused)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await ResponsesAsync("BK-BB"));
        Assert.Equal(refusals + 1, await RefusalsAsync("canbo.babe"));
    }

    [Fact]
    public async Task An_officer_signed_in_cannot_tap_the_kiosk_of_their_unit()
    {
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.babe");
        var kiosk = await officer.GetPageAsync("/khao-sat/kiosk/BK-BB/CU-TRU");
        Assert.NotNull(kiosk.QuerySelector("#kiosk-staff"));
        var (before, refusals) = (await ResponsesAsync("BK-BB"), await RefusalsAsync("canbo.babe"));

        using var tapped = await officer.SubmitFormAsync("/khao-sat/kiosk/BK-BB/CU-TRU", [new("Value", "5")]);

        Assert.Equal(HttpStatusCode.Forbidden, tapped.StatusCode);
        Assert.NotNull((await StaffClient.ParseAsync(tapped)).QuerySelector("#kiosk-staff"));
        Assert.Equal(before, await ResponsesAsync("BK-BB"));
        Assert.Equal(refusals + 1, await RefusalsAsync("canbo.babe"));
    }

    [Fact]
    public async Task The_public_api_refuses_a_rating_sent_with_a_staff_sign_in_for_a_unit_under_it_but_not_for_another_district()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var questionnaire = await SurveyData.CurrentAsync(leader.Http);
        var (before, refusals) = (await ResponsesAsync("BK-NS-VT"), await RefusalsAsync("lanhdao.nganson"));

        foreach (var channel in new[] { "online", "kiosk" })
        {
            using var refused = await leader.Http.PostAsJsonAsync("/api/v1/survey-responses",
                new { unitCode = "BK-NS-VT", fieldCode = "CU-TRU", channel, answers = SurveyData.AllAnswers(questionnaire, 5) });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("không được đánh giá đơn vị mình", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await ResponsesAsync("BK-NS-VT"));
        Assert.Equal(refusals + 2, await RefusalsAsync("lanhdao.nganson"));

        // Like any citizen, they may rate a unit they do not belong to.
        using var elsewhere = await leader.Http.PostAsJsonAsync("/api/v1/survey-responses",
            new { unitCode = "BK-BB", fieldCode = "CU-TRU", channel = "online", answers = SurveyData.AllAnswers(questionnaire, 4) });
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }
}
