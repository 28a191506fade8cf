using System.Net;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Surveys;

[Collection(AppCollection.Name)]
public sealed class OnlineFormTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task A_citizen_chooses_a_unit_and_field_and_is_sent_to_its_form_one_step_at_a_time()
    {
        using var citizen = app.CreateStaffClient();
        var start = await citizen.GetPageAsync("/khao-sat");
        Assert.NotNull(start.QuerySelector("select#unit option[value='BK-NS-VT']"));
        Assert.Contains("không cần cung cấp thông tin cá nhân", start.Body!.TextContent);

        using var chosen = await citizen.Http.GetAsync("/khao-sat?unit=BK-NS&field=CCCD");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/khao-sat/BK-NS/CCCD/tung-buoc", chosen.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_citizen_answers_the_online_form_and_sees_the_thank_you_page()
    {
        using var citizen = app.CreateStaffClient();
        var form = await citizen.GetPageAsync("/khao-sat/BK-NS/CCCD");
        var groups = form.QuerySelectorAll("fieldset.survey-question").ToList();
        Assert.Equal(31, groups.Count);
        Assert.All(groups, g => Assert.NotNull(g.QuerySelector("legend")));
        var names = form.QuerySelectorAll("input[type=radio]").Select(r => r.GetAttribute("name")!).Distinct().ToList();
        var before = await CountAsync("BK-NS");

        using var response = await citizen.SubmitFormAsync("/khao-sat/BK-NS/CCCD",
            [.. names.Take(28).Select(n => new KeyValuePair<string, string>(n, "5")), new("Comment", "Thủ tục nhanh gọn.")]);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await StaffClient.ParseAsync(response)).QuerySelector("main")?.TextContent);
        Assert.Equal("/khao-sat/cam-on", response.Headers.Location!.OriginalString);
        var thanks = await citizen.GetPageAsync("/khao-sat/cam-on");
        Assert.Contains("Cảm ơn Ông/Bà đã đánh giá", thanks.QuerySelector("h1")!.TextContent);
        Assert.Equal(before + 1, await CountAsync("BK-NS"));
        var stored = await app.WithDbAsync(db => db.SurveyResponses
            .Where(r => r.Comment == "Thủ tục nhanh gọn.").SingleAsync());
        Assert.Equal(SurveyChannel.Online, stored.Channel);
        Assert.Equal(28, stored.Answers.Count);
        Assert.Null(stored.ContactProtected);
    }

    [Fact]
    public async Task Contact_details_are_refused_without_consent_and_stored_encrypted_with_it()
    {
        using var citizen = app.CreateStaffClient();
        var form = await citizen.GetPageAsync("/khao-sat/BK-BB/DKX");
        var first = form.QuerySelector("input[type=radio]")!.GetAttribute("name")!;

        using var refused = await citizen.SubmitFormAsync("/khao-sat/BK-BB/DKX", [new(first, "4"), new("Contact", "0912 345 678")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("đánh dấu đồng ý", (await StaffClient.ParseAsync(refused)).QuerySelector(".alert-danger")!.TextContent);

        using var accepted = await citizen.SubmitFormAsync("/khao-sat/BK-BB/DKX",
            [new(first, "4"), new("Contact", "0912 345 678"), new("ContactConsent", "true"), new("Comment", "Liên hệ lại giúp tôi.")]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var stored = await app.WithDbAsync(db => db.SurveyResponses.Where(r => r.Comment == "Liên hệ lại giúp tôi.").SingleAsync());
        Assert.NotNull(stored.ContactProtected);
        Assert.DoesNotContain("0912 345 678", stored.ContactProtected, StringComparison.Ordinal);
        Assert.NotNull(stored.ContactConsentAt);
    }

    [Fact]
    public async Task A_form_with_the_honeypot_filled_in_is_thanked_but_not_stored()
    {
        using var robot = app.CreateStaffClient();
        var form = await robot.GetPageAsync("/khao-sat/BK-CD/PCCC");
        var first = form.QuerySelector("input[type=radio]")!.GetAttribute("name")!;
        var before = await CountAsync("BK-CD");

        using var response = await robot.SubmitFormAsync("/khao-sat/BK-CD/PCCC", [new(first, "1"), new("Website", "http://spam.example")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(before, await CountAsync("BK-CD"));
    }

    [Fact]
    public async Task A_form_without_the_antiforgery_token_is_refused()
    {
        using var client = app.CreateStaffClient();
        using var content = new FormUrlEncodedContent([new("Comment", "x")]);
        using var response = await client.Http.PostAsync("/khao-sat/BK-CD/PCCC", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_QR_code_of_a_unit_and_field_is_a_png_and_unknown_units_have_none()
    {
        using var client = app.CreateClient();
        using var png = await client.GetAsync("/khao-sat/BK-NS-VT/CU-TRU/qr.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);

        using var missing = await client.GetAsync("/khao-sat/BK-KHONG/CU-TRU/qr.png");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Questions_and_scale_labels_are_shown_in_English_when_the_visitor_chooses_it()
    {
        using var citizen = app.CreateStaffClient();
        var form = await citizen.GetPageAsync("/khao-sat/BK-NS/CCCD?culture=en-GB&ui-culture=en-GB");
        Assert.Contains("The waiting area of the reception desk has enough seats.", form.Body!.TextContent);
        Assert.Contains("Very satisfied", form.Body!.TextContent);
    }

    private Task<int> CountAsync(string unitCode) => app.WithDbAsync(db =>
        db.SurveyResponses.CountAsync(r => r.UnitId == db.Units.Single(u => u.Code == unitCode).Id));
}
