using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Surveys.Intake;

/// <summary>
/// A commune police does not issue passports: Vân Tùng (a commune, seeded to serve residence and identity cards) can
/// be rated for residence but not for passports (XNC), whichever channel the response comes through.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FieldAvailabilityTests(CitizenVoiceApp app)
{
    private const string Commune = "BK-NS-VT";
    private const string NotServed = "XNC";
    private const string RefusalStart = "Đơn vị BK-NS-VT không giải quyết thủ tục lĩnh vực “Xuất nhập cảnh”";

    [Fact]
    public async Task The_API_lists_the_fields_a_unit_serves_and_says_so_for_an_unknown_unit()
    {
        using var client = app.CreateClient();
        var commune = await client.GetFromJsonAsync<JsonElement>($"/api/v1/units/{Commune}/fields");
        Assert.Equal(["CCCD", "CU-TRU"], commune.EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToArray());
        Assert.Equal("Cư trú", commune[1].GetProperty("name").GetString());
        Assert.Equal("Residence", commune[1].GetProperty("nameEn").GetString());

        var province = await client.GetFromJsonAsync<JsonElement>("/api/v1/units/BK/fields");
        Assert.Contains(province.EnumerateArray(), f => f.GetProperty("code").GetString() == NotServed);

        using var unknown = await client.GetAsync("/api/v1/units/BK-KHONG-CO/fields");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Không có đơn vị nào mang mã BK-KHONG-CO", await unknown.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("online")]
    [InlineData("kiosk")]
    public async Task The_API_refuses_a_response_for_a_field_the_unit_does_not_serve_with_a_400_in_Vietnamese(string channel)
    {
        using var client = app.CreateClient();
        var answers = SurveyData.AllAnswers(await SurveyData.CurrentAsync(client), 5);
        var comment = $"Hộ chiếu tại xã qua {channel}";

        using var refused = await client.PostAsJsonAsync("/api/v1/survey-responses", new { unitCode = Commune, fieldCode = NotServed, channel, answers, comment });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith(RefusalStart, problem.GetProperty("errors").GetProperty("fieldCode")[0].GetString());
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.AnyAsync(r => r.Comment == comment)));

        using var served = await client.PostAsJsonAsync("/api/v1/survey-responses", new { unitCode = Commune, fieldCode = "CU-TRU", channel, answers });
        Assert.Equal(HttpStatusCode.Created, served.StatusCode);
    }

    [Fact]
    public async Task The_online_form_offers_only_the_units_fields_and_refuses_a_posted_response_for_another()
    {
        using var citizen = app.CreateStaffClient();
        using var opened = await citizen.Http.GetAsync($"/khao-sat/{Commune}/{NotServed}");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var start = await citizen.GetPageAsync(opened.Headers.Location!.OriginalString);
        Assert.Contains("không giải quyết thủ tục lĩnh vực này", start.QuerySelector("main [role=alert]")!.TextContent);
        Assert.Equal(["CCCD", "CU-TRU"], start.QuerySelectorAll("#field option").Select(o => o.GetAttribute("value") ?? "").Where(v => v != "").ToArray());

        // The form for a served field, posted to the address of one the commune does not serve.
        var form = await citizen.GetPageAsync($"/khao-sat/{Commune}/CU-TRU");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var radios = form.QuerySelectorAll("input[type=radio]").OfType<IHtmlInputElement>().Select(r => r.Name!).Distinct();
        using var content = new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Comment", "Hộ chiếu qua phiếu trực tuyến"), .. radios.Select(n => new KeyValuePair<string, string>(n, "4"))]);
        using var posted = await citizen.Http.PostAsync($"/khao-sat/{Commune}/{NotServed}", content);

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(RefusalStart, (await StaffClient.ParseAsync(posted)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.AnyAsync(r => r.Comment == "Hộ chiếu qua phiếu trực tuyến")));
    }

    [Fact]
    public async Task The_kiosk_and_the_poster_exist_only_for_a_field_the_unit_serves()
    {
        using var citizen = app.CreateStaffClient();
        using var kiosk = await citizen.Http.GetAsync($"/khao-sat/kiosk/{Commune}/{NotServed}");
        Assert.Equal(HttpStatusCode.NotFound, kiosk.StatusCode);
        using var tapped = await citizen.Http.PostAsync($"/khao-sat/kiosk/{Commune}/{NotServed}", new FormUrlEncodedContent([new("Value", "5")]));
        Assert.True((int)tapped.StatusCode is >= 400 and < 500);
        using var poster = await citizen.Http.GetAsync($"/khao-sat/{Commune}/{NotServed}/ap-phich.pdf");
        Assert.Equal(HttpStatusCode.NotFound, poster.StatusCode);

        using var servedKiosk = await citizen.Http.GetAsync($"/khao-sat/kiosk/{Commune}/CU-TRU");
        Assert.Equal(HttpStatusCode.OK, servedKiosk.StatusCode);
        using var servedPoster = await citizen.Http.GetAsync($"/khao-sat/{Commune}/CU-TRU/ap-phich.pdf");
        Assert.Equal(HttpStatusCode.OK, servedPoster.StatusCode);
    }

    [Fact]
    public async Task Staff_entry_by_phone_refuses_a_field_the_unit_does_not_serve_and_offers_only_its_fields()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var page = await member.GetPageAsync("/quan-tri/khao-sat/nhap");
        var first = page.QuerySelector("input[type=radio]")!.GetAttribute("name")!;

        using var refused = await member.SubmitFormAsync("/quan-tri/khao-sat/nhap",
            [new("UnitCode", Commune), new("FieldCode", NotServed), new("Channel", "Phone"), new(first, "3"), new("Comment", "Hộ chiếu qua điện thoại")]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await StaffClient.ParseAsync(refused);
        Assert.Contains(RefusalStart, shown.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(["CCCD", "CU-TRU"], shown.QuerySelectorAll("#FieldCode option").Select(o => o.GetAttribute("value") ?? "").Where(v => v != "").ToArray());
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.AnyAsync(r => r.Comment == "Hộ chiếu qua điện thoại")));
    }

    [Fact]
    public async Task Paper_entry_refuses_a_field_the_unit_does_not_serve_at_the_first_typing()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var question = (await member.GetPageAsync("/quan-tri/khao-sat/phieu-giay")).QuerySelector("input[type=radio]")!.GetAttribute("name")!;

        using var refused = await member.SubmitFormAsync("/quan-tri/khao-sat/phieu-giay",
        [
            new("UnitCode", Commune), new("FieldCode", NotServed), new("Serial", "XNC-XA-01"), new(question, "4"),
            new("ContactDate", app.Today.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ]);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(RefusalStart, (await StaffClient.ParseAsync(refused)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.False(await app.WithDbAsync(db => db.PaperEntries.AnyAsync(e => e.Serial == "XNC-XA-01")));
    }

    [Fact]
    public async Task A_spreadsheet_row_for_a_field_the_unit_does_not_serve_is_reported_and_nothing_is_imported()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var (header, q1, _) = await SpreadsheetImportTests.TemplateAsync(member);
        var csv = SpreadsheetImportTests.Csv(header,
            SpreadsheetImportTests.Row(header, ("MaDonVi", Commune), ("MaLinhVuc", "CU-TRU"), (q1, "4"), ("GopY", "Tệp lĩnh vực 1")),
            SpreadsheetImportTests.Row(header, ("MaDonVi", Commune), ("MaLinhVuc", NotServed), (q1, "4"), ("GopY", "Tệp lĩnh vực 2")));

        using var uploaded = await SpreadsheetImportTests.UploadAsync(member, "linh-vuc.csv", csv);
        var page = await member.GetPageAsync(uploaded.Headers.Location!.OriginalString);

        var rows = page.QuerySelectorAll("#import-errors tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["3"], rows.Select(r => r[0]));
        Assert.Contains(RefusalStart, rows[0][1]);
        Assert.Null(page.QuerySelector("main form[method=post]"));
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.AnyAsync(r => r.Comment!.StartsWith("Tệp lĩnh vực"))));
    }

    [Fact]
    public async Task A_survey_round_sets_targets_only_where_the_unit_serves_the_field()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        using var onlyPassports = await member.SubmitFormAsync("/quan-tri/khao-sat/dot/them",
            [new("Name", "Đợt hộ chiếu ở xã"), new("MarginPoints", "5"), new("UnitCodes", Commune), new("FieldCodes", NotServed)]);
        Assert.Equal(HttpStatusCode.OK, onlyPassports.StatusCode);
        Assert.Contains("không giải quyết lĩnh vực nào đã chọn", (await StaffClient.ParseAsync(onlyPassports)).Body!.TextContent);

        using var created = await member.SubmitFormAsync("/quan-tri/khao-sat/dot/them",
        [
            new("Name", "Đợt cư trú và hộ chiếu"), new("MarginPoints", "5"), new("UnitCodes", Commune), new("UnitCodes", "BK"),
            new("FieldCodes", NotServed), new("FieldCodes", "CU-TRU"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var targets = await app.WithDbAsync(db => db.SurveyRoundTargets.Where(t => db.SurveyRounds.Any(r => r.Id == t.RoundId && r.Name == "Đợt cư trú và hộ chiếu"))
            .Select(t => db.Units.Single(u => u.Id == t.UnitId).Code + "/" + db.Fields.Single(f => f.Id == t.FieldId).Code).ToListAsync());
        Assert.Equal(["BK-NS-VT/CU-TRU", "BK/CU-TRU", "BK/XNC"], targets.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task The_public_results_of_a_commune_offer_only_the_fields_it_serves()
    {
        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync($"/ket-qua-khao-sat?unit={Commune}");
        Assert.Equal(["CCCD", "CU-TRU"], page.QuerySelectorAll("#field option").Select(o => o.GetAttribute("value") ?? "").Where(v => v != "").ToArray());
    }
}
