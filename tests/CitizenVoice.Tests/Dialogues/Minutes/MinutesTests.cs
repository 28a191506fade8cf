using System.Net;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Dialogues;

[Collection(AppCollection.Name)]
public sealed class MinutesTests(CitizenVoiceApp app)
{
    /// <summary>A closed session with two published opinions (one answered, with a commitment), a rejected one and a refusal to sign.</summary>
    private async Task<int> ArrangeAsync()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Closed, "Hội nghị đối thoại thử biên bản");
        var answered = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị trả thẻ căn cước tại xã cho bà con.", OpinionStatus.Approved);
        await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị hướng dẫn đăng ký thường trú trực tuyến.", OpinionStatus.Approved);
        await DialogueTestData.AddOpinionAsync(app, sessionId, "Tin rác không được đăng.", OpinionStatus.Rejected);
        await app.WithDbAsync(async db =>
        {
            var session = await db.DialogueSessions.SingleAsync(s => s.Id == sessionId);
            session.DelegatesVillages = 120;
            session.DelegatesCitizens = 85;
            session.MinutesSecretary = "Nông Thị Hoa";
            session.SignatureNote = "Ông Hoàng Văn Páo, đại diện thôn Nà Lẹng, không ký vì chưa đồng ý với thời hạn trả thẻ.";
            var opinion = await db.Opinions.SingleAsync(o => o.Id == answered);
            opinion.Answer = "Công an huyện trả thẻ tại trụ sở Công an xã.";
            opinion.AnswerTiming = AnswerTiming.OnTheSpot;
            opinion.AnsweredBy = "Trưởng Công an huyện Ngân Sơn";
            opinion.Status = OpinionStatus.Answered;
            db.Commitments.Add(new Commitment
            {
                OpinionId = answered, SessionId = sessionId, What = "Trả thẻ căn cước tồn đọng tại xã",
                ResponsibleUnitId = session.HostUnitId, DueOn = new DateOnly(2030, 7, 15),
            });
            await db.SaveChangesAsync();
        });
        return sessionId;
    }

    [Fact]
    public async Task The_minutes_open_as_a_Word_document_with_every_opinion_its_answer_commitments_and_the_refusal_to_sign()
    {
        var sessionId = await ArrangeAsync();

        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        using var response = await secretary.Http.GetAsync($"/quan-tri/doi-thoai/{sessionId}/bien-ban.docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MinutesDocument.ContentType, response.Content.Headers.ContentType!.MediaType);

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var doc = WordprocessingDocument.Open(stream, false);
        var paragraphs = doc.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        var text = string.Join("\n", paragraphs);

        Assert.Contains("BIÊN BẢN", paragraphs);
        Assert.Contains("Hội nghị đối thoại thử biên bản", text);
        Assert.Contains("Hội trường thử nghiệm", text);
        Assert.Contains("Chủ trì: Trưởng Công an huyện.", text);
        Assert.Contains("Đề nghị trả thẻ căn cước tại xã cho bà con.", text);
        Assert.Contains("Trả lời (Trưởng Công an huyện Ngân Sơn, trả lời tại hội nghị): Công an huyện trả thẻ tại trụ sở Công an xã.", text);
        Assert.Contains("Đề nghị hướng dẫn đăng ký thường trú trực tuyến.", text);
        Assert.DoesNotContain("Tin rác", text);
        Assert.Contains("Trả thẻ căn cước tồn đọng tại xã", text);
        Assert.Contains("15/07/2030", text);
        Assert.Contains("205", text);
        Assert.Contains("CHỦ TRÌ HỘI NGHỊ", paragraphs);
        Assert.Contains("(Ký, ghi rõ họ tên)", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("Ghi chú về việc ký biên bản: Ông Hoàng Văn Páo", StringComparison.Ordinal) && p.Contains("không ký vì"));
    }

    [Fact]
    public async Task The_minutes_as_a_PDF_carry_the_same_content_opinions_answers_commitments_signatures_and_the_refusal()
    {
        var sessionId = await ArrangeAsync();
        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        var console = await secretary.GetPageAsync($"/quan-tri/doi-thoai/{sessionId}/dieu-phoi");
        var link = console.QuerySelectorAll("main a").Single(a => a.TextContent == "Biên bản (PDF)").GetAttribute("href");
        using var response = await secretary.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        // Words joined by single spaces: the checks do not depend on where a line wraps.
        var text = string.Join(' ', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        Assert.Contains("BIÊN BẢN", text);
        Assert.Contains("Hội nghị đối thoại thử biên bản", text);
        Assert.Contains("Hội trường thử nghiệm", text);
        Assert.Contains("Chủ trì: Trưởng Công an huyện.", text);
        Assert.Contains("Ý kiến 1", text);
        Assert.Contains("Đề nghị trả thẻ căn cước tại xã cho bà con.", text);
        Assert.Contains("Trả lời (Trưởng Công an huyện Ngân Sơn, trả lời tại hội nghị): Công an huyện trả thẻ tại trụ sở Công an xã.", text);
        Assert.Contains("Đề nghị hướng dẫn đăng ký thường trú trực tuyến.", text);
        Assert.DoesNotContain("Tin rác", text);
        Assert.Contains("Trả thẻ căn cước tồn đọng tại xã", text);
        Assert.Contains("15/07/2030", text);
        Assert.Contains("Tổng số đại biểu 205", text);
        Assert.Contains("CHỦ TRÌ HỘI NGHỊ", text);
        Assert.Contains("Nông Thị Hoa", text);
        Assert.Contains("Ghi chú về việc ký biên bản: Ông Hoàng Văn Páo, đại diện thôn Nà Lẹng, không ký vì chưa đồng ý với thời hạn trả thẻ.", text);

        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.babe");
        using var refused = await officer.Http.GetAsync($"/quan-tri/doi-thoai/{sessionId}/bien-ban.pdf");
        Assert.StartsWith("/khong-co-quyen", refused.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_minutes_PDF_prints_the_national_header_and_names_with_every_diacritic()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Closed, "Hội nghị đối thoại về cấp căn cước");
        await app.WithDbAsync(async db =>
        {
            var session = await db.DialogueSessions.SingleAsync(s => s.Id == sessionId);
            session.Chair = "Đại tá Nguyễn Thị Hường";
            await db.SaveChangesAsync();
        });
        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        using var response = await secretary.Http.GetAsync($"/quan-tri/doi-thoai/{sessionId}/bien-ban.pdf");

        var page = await RenderedPdf.ReadAsync(await response.Content.ReadAsByteArrayAsync(), dpi: 300);
        RenderedPdf.AssertShows(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        RenderedPdf.AssertShows(page, "Chủ trì: Đại tá Nguyễn Thị Hường");
        RenderedPdf.AssertShows(page, "Hội nghị đối thoại về cấp căn cước");
    }

    [Fact]
    public async Task The_minutes_never_publish_the_name_a_citizen_gave_with_a_question()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Closed);
        var named = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị làm căn cước lưu động cho người già ở thôn Khuổi Ông.", OpinionStatus.Approved);
        await app.WithDbAsync(async db =>
        {
            var opinion = await db.Opinions.SingleAsync(o => o.Id == named);
            opinion.AuthorName = "Lục Thị Mến";
            await db.SaveChangesAsync();
        });
        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");

        using var docxResponse = await secretary.Http.GetAsync($"/quan-tri/doi-thoai/{sessionId}/bien-ban.docx");
        using var doc = WordprocessingDocument.Open(new MemoryStream(await docxResponse.Content.ReadAsByteArrayAsync()), false);
        var docx = doc.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("Đề nghị làm căn cước lưu động cho người già ở thôn Khuổi Ông.", docx);
        Assert.DoesNotContain("Lục Thị Mến", docx);

        using var pdfResponse = await secretary.Http.GetAsync($"/quan-tri/doi-thoai/{sessionId}/bien-ban.pdf");
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await pdfResponse.Content.ReadAsByteArrayAsync());
        var text = string.Join(' ', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        Assert.Contains("Đề nghị làm căn cước lưu động cho người già ở thôn Khuổi Ông.", text);
        Assert.DoesNotContain("Lục Thị Mến", text);
        Assert.DoesNotContain("Mến", text);
    }

    [Fact]
    public async Task The_Van_Tung_minutes_state_the_35_opinions_of_the_article()
    {
        var id = await app.WithDbAsync(db => db.DialogueSessions.Where(s => s.Venue!.Contains("Vân Tùng")).Select(s => s.Id).SingleAsync());
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        using var response = await leader.Http.GetAsync($"/quan-tri/doi-thoai/{id}/bien-ban.docx");
        using var doc = WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var text = doc.MainDocumentPart!.Document!.Body!.InnerText;

        Assert.Contains("Đại tá Hà Văn Tuyên", text);
        Assert.Contains("Tổng số ý kiến tại hội nghị theo báo cáo: 35", text);
        Assert.Contains("chợ Vân Tùng", text);
    }

    [Fact]
    public async Task An_officer_cannot_download_the_minutes()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Closed);
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.babe");
        using var response = await officer.Http.GetAsync($"/quan-tri/doi-thoai/{sessionId}/bien-ban.docx");
        Assert.StartsWith("/khong-co-quyen", response.Headers.Location!.PathAndQuery);
        using var anonymous = await app.CreateStaffClient().Http.GetAsync($"/quan-tri/doi-thoai/{sessionId}/bien-ban.docx");
        Assert.StartsWith("/dang-nhap", anonymous.Headers.Location!.PathAndQuery);
    }
}
