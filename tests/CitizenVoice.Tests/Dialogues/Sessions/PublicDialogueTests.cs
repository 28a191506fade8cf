using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Dialogues;

[Collection(AppCollection.Name)]
public sealed class PublicDialogueTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_public_list_shows_the_sessions_of_the_article_and_the_upcoming_one()
    {
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync("/doi-thoai");

        var upcoming = page.QuerySelector(".dialogues-upcoming")!.TextContent;
        Assert.Contains("Đối thoại về cấp căn cước, định danh điện tử và đăng ký cư trú", upcoming);
        var past = page.QuerySelector(".dialogues-past")!.TextContent;
        Assert.Contains("cấp Công an tỉnh, Công an huyện Ngân Sơn", past);
        Assert.Contains("Đối thoại trực tuyến về thủ tục hành chính trên Trang thông tin điện tử Công an tỉnh", past);

        var home = await client.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector("main a[href='/doi-thoai']"));
    }

    [Fact]
    public async Task The_api_counts_sixteen_sessions_in_2021_and_the_first_half_of_2022_one_of_them_online()
    {
        using var client = app.CreateClient();
        var y2021 = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/dialogues?year=2021");
        var y2022 = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/dialogues?year=2022");
        var period = y2021!.Concat(y2022!.Where(s => s.GetProperty("startsAt").GetDateTime() < new DateTime(2022, 7, 1))).ToList();

        Assert.Equal(16, period.Count);
        Assert.Single(period, s => s.GetProperty("format").GetString() == "online");
    }

    [Fact]
    public async Task The_Van_Tung_session_reports_its_delegates_opinions_and_commitments()
    {
        var id = await app.WithDbAsync(db => db.DialogueSessions.Where(s => s.Venue!.Contains("Vân Tùng")).Select(s => s.Id).SingleAsync());
        using var client = app.CreateClient();
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/dialogues/{id}");

        Assert.StartsWith("Đại tá Hà Văn Tuyên", detail.GetProperty("chair").GetString());
        Assert.True(detail.GetProperty("attendance").EnumerateObject().Sum(a => a.Value.GetInt32()) > 200);
        Assert.Equal(35, detail.GetProperty("figures").GetProperty("opinionsReceived").GetInt32());
        Assert.Equal(3, detail.GetProperty("figures").GetProperty("commitmentsDone").GetInt32());
        Assert.Contains(detail.GetProperty("questions").EnumerateArray(), q => q.GetProperty("fieldCode").GetString() == "CCCD");
    }

    [Fact]
    public async Task A_citizen_sends_an_anonymous_question_through_the_form_and_it_is_not_public_until_approved()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app);
        using var citizen = app.CreateStaffClient();
        const string text = "Tôi đăng ký thường trú cho con mới sinh thì cần những giấy tờ gì?";

        using var sent = await citizen.SubmitFormAsync($"/doi-thoai/{sessionId}", [new("Input.Text", text), new("Input.FieldCode", "CU-TRU")], formAction: "handler=Question");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var thanks = await citizen.GetPageAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains("sau khi thư ký duyệt", thanks.QuerySelector("[role=status]")?.TextContent ?? "");

        var page = await citizen.GetPageAsync($"/doi-thoai/{sessionId}");
        Assert.DoesNotContain(text, page.QuerySelector("#cau-hoi")!.ParentElement!.TextContent);
        var stored = await app.WithDbAsync(db => db.Opinions.AsNoTracking().SingleAsync(o => o.SessionId == sessionId));
        Assert.Equal(OpinionStatus.Pending, stored.Status);
        Assert.Equal(OpinionChannel.AdvanceOnline, stored.Channel);
        Assert.Null(stored.AuthorName);
        Assert.Null(stored.ProtectedContact);
    }

    [Fact]
    public async Task A_phone_number_is_refused_without_consent_and_stored_encrypted_with_it()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app);
        using var citizen = app.CreateStaffClient();
        const string text = "Xin hỏi thời gian trả thẻ căn cước cho người cao tuổi là bao lâu?";

        using var refused = await citizen.SubmitFormAsync($"/doi-thoai/{sessionId}", [new("Input.Text", text), new("Input.Phone", "0912 345 678")], formAction: "handler=Question");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Vui lòng đồng ý cho lưu số điện thoại", (await StaffClient.ParseAsync(refused)).Body!.TextContent);

        using var accepted = await citizen.SubmitFormAsync($"/doi-thoai/{sessionId}",
            [new("Input.Text", text), new("Input.AuthorName", "Hoàng Thị Mai"), new("Input.Phone", "0912 345 678"), new("Input.ContactConsent", "true")],
            formAction: "handler=Question");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var stored = await app.WithDbAsync(db => db.Opinions.AsNoTracking().SingleAsync(o => o.SessionId == sessionId));
        Assert.DoesNotContain("0912 345 678", stored.ProtectedContact, StringComparison.Ordinal);
        Assert.NotNull(stored.ContactConsentAt);
        Assert.Equal("0912 345 678", app.Services.GetRequiredService<ContactProtector>().Unprotect(stored.ProtectedContact!));
    }

    [Fact]
    public async Task A_question_sent_through_the_api_is_created_pending_and_is_not_published()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app);
        using var client = app.CreateClient();
        const string text = "Có thể nộp hồ sơ cấp hộ chiếu trực tuyến cho trẻ em không?";

        using var response = await client.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions", new { text, fieldCode = "CCCD", authorName = "Nông Văn Tú" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", created.GetProperty("status").GetString());
        Assert.True(created.GetProperty("id").GetInt32() > 0);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/dialogues/{sessionId}");
        Assert.Empty(detail.GetProperty("questions").EnumerateArray());
        Assert.Equal(1, detail.GetProperty("figures").GetProperty("opinionsReceived").GetInt32());
    }

    [Fact]
    public async Task An_invalid_api_question_gets_a_validation_problem_with_Vietnamese_field_messages()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions", new { text = "", fieldCode = "KHONG-CO", phone = "0912345678" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal("Vui lòng nhập nội dung câu hỏi.", errors.GetProperty("text")[0].GetString());
        Assert.Equal("Lĩnh vực không hợp lệ.", errors.GetProperty("fieldCode")[0].GetString());
        Assert.StartsWith("Vui lòng đồng ý", errors.GetProperty("contactConsent")[0].GetString());
    }

    [Fact]
    public async Task A_closed_or_draft_session_takes_no_questions()
    {
        var closed = await DialogueTestData.CreateSessionAsync(app, status: DialogueStatus.Closed);
        var draft = await DialogueTestData.CreateSessionAsync(app, status: DialogueStatus.Draft);
        using var client = app.CreateClient();

        using var toClosed = await client.PostAsJsonAsync($"/api/v1/dialogues/{closed}/questions", new { text = "Một câu hỏi đủ dài để hợp lệ." });
        Assert.Equal(HttpStatusCode.Conflict, toClosed.StatusCode);
        using var toDraft = await client.PostAsJsonAsync($"/api/v1/dialogues/{draft}/questions", new { text = "Một câu hỏi đủ dài để hợp lệ." });
        Assert.Equal(HttpStatusCode.NotFound, toDraft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/doi-thoai/{draft}")).StatusCode);
    }

    [Fact]
    public async Task A_browser_supports_a_published_question_only_once()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app);
        var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị cấp căn cước lưu động tại thôn.", OpinionStatus.Approved);
        using var first = app.CreateStaffClient();
        using var second = app.CreateStaffClient();

        // Twice from the same page, as a double click or a second tab opened before the first support does: after a
        // support the page no longer offers the button, so only such a post can try again.
        var token = (await first.GetPageAsync($"/doi-thoai/{sessionId}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        for (var i = 0; i < 2; i++)
        {
            using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("opinionId", opinionId.ToString())]);
            using var r = await first.Http.PostAsync($"/doi-thoai/{sessionId}?handler=Support", form);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        using (var _ = await second.SubmitFormAsync($"/doi-thoai/{sessionId}", [new("opinionId", opinionId.ToString())], formAction: "handler=Support")) { }

        Assert.Equal(2, (await DialogueTestData.OpinionAsync(app, opinionId)).Supports);
        Assert.Equal(2, await app.WithDbAsync(db => db.OpinionSupports.CountAsync(s => s.OpinionId == opinionId)));
        var page = await first.GetPageAsync($"/doi-thoai/{sessionId}");
        Assert.Contains("2 lượt ủng hộ", page.QuerySelector($"#y-kien-{opinionId}")!.TextContent);
    }

    [Fact]
    public async Task The_iCalendar_feed_contains_the_upcoming_session()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/doi-thoai/lich.ics");
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var ics = (await response.Content.ReadAsStringAsync()).Replace("\r\n ", "", StringComparison.Ordinal);

        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.Contains("SUMMARY:Đối thoại về cấp căn cước\\, định danh điện tử và đăng ký cư trú – Công an huyện Ngân Sơn", ics);
        Assert.Contains("LOCATION:Hội trường xã Vân Tùng\\, huyện Ngân Sơn", ics);
        Assert.All((await response.Content.ReadAsStringAsync()).Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75));
    }

    [Fact]
    public async Task The_session_page_speaks_English_when_the_visitor_chooses_it()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app);
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync($"/doi-thoai/{sessionId}?culture=en-GB");
        Assert.Equal("Questions and answers", page.QuerySelector("#cau-hoi")!.TextContent);
        Assert.Equal("Send a question", page.QuerySelector("#gui-cau-hoi")!.TextContent);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_dialogues_api()
    {
        using var client = app.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/dialogues", out _));
        Assert.True(paths.TryGetProperty("/api/v1/dialogues/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/dialogues/{id}/questions", out _));
    }
}
