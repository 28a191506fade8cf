using System.Net;
using System.Text.Json;
using CitizenVoice.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace CitizenVoice.Tests.Surveys;

[Collection(AppCollection.Name)]
public sealed class PrintoutTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_pre_filled_paper_form_PDF_opens_and_carries_every_Vietnamese_question_unit_serial_and_version()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        using var response = await member.Http.GetAsync("/quan-tri/khao-sat/phieu-giay/mau.pdf?unit=BK-NS-VT&field=CU-TRU&serial=vt-0001");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        var questionnaire = await SurveyData.CurrentAsync(app.CreateClient());
        foreach (var question in Questions(questionnaire))
        {
            Assert.Contains(Squash(question), text);
        }

        Assert.Contains(Squash("Vân Tùng"), text);
        Assert.Contains("VT-0001", text);
        Assert.Contains(Squash($"phiên bản {questionnaire.GetProperty("version").GetInt32()}"), text);
    }

    [Fact]
    public async Task A_blank_paper_form_needs_a_survey_team_member()
    {
        using var anonymous = app.CreateStaffClient();
        using var response = await anonymous.Http.GetAsync("/quan-tri/khao-sat/phieu-giay/mau.pdf");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task The_counter_poster_PDF_opens_with_the_unit_name_and_the_address_of_the_stepped_form()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/khao-sat/BK-NS/CCCD/ap-phich.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Text(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(Squash("Quét mã QR bằng điện thoại để đánh giá"), text);
        Assert.Contains(Squash("Ngân Sơn"), text);
        Assert.Contains("/khao-sat/BK-NS/CCCD/tung-buoc", text);
    }

    [Fact]
    public async Task The_counter_poster_prints_every_Vietnamese_letter_as_it_is_drawn_on_paper()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/khao-sat/BK-NS/CCCD/ap-phich.pdf");

        var page = await RenderedPdf.ReadAsync(await response.Content.ReadAsByteArrayAsync());
        RenderedPdf.AssertShows(page, "ĐÁNH GIÁ SỰ HÀI LÒNG");
        RenderedPdf.AssertShows(page, "đối với việc giải quyết thủ tục hành chính");
        RenderedPdf.AssertShows(page, "Quét mã QR bằng điện thoại để đánh giá");
        RenderedPdf.AssertShows(page, "Không cần cung cấp họ tên hay số điện thoại");
    }

    private static IEnumerable<string> Questions(JsonElement questionnaire) =>
        questionnaire.GetProperty("elements").EnumerateArray().SelectMany(e => e.GetProperty("questions").EnumerateArray())
            .Append(questionnaire.GetProperty("overall")).Select(q => q.GetProperty("text").GetString()!);

    // Lines wrap wherever the page ends them: compare without white space.
    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return Squash(string.Concat(document.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value)))));
    }

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c))).Normalize();
}
