using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Dialogues;

/// <summary>
/// A citizen who sends a question to a dialogue follows it as they follow feedback: a tracking code for its status and
/// answer, a secret for their question and the name and phone they left.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class QuestionFollowUpTests(CitizenVoiceApp app)
{
    private static string Console(int sessionId) => $"/quan-tri/doi-thoai/{sessionId}/dieu-phoi";

    private sealed record Sent(int Id, string Code, string Secret);

    private static async Task<Sent> AskAsync(HttpClient client, int sessionId, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", created.GetProperty("status").GetString());
        var code = created.GetProperty("trackingCode").GetString()!;
        Assert.Equal($"/doi-thoai/theo-doi?ma={code}", created.GetProperty("url").GetString());
        return new Sent(created.GetProperty("id").GetInt32(), code, created.GetProperty("secret").GetString()!);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client, string code, string? secret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/dialogues/questions/{code}");
        if (secret is not null)
        {
            request.Headers.Add("X-Question-Secret", secret);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> OpenWithSecretAsync(StaffClient citizen, string code, string secret)
    {
        using var opened = await citizen.SubmitFormAsync($"/doi-thoai/theo-doi?ma={code}", [new("ma", code), new("bi-mat", secret)], "handler=Open");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        return await StaffClient.ParseAsync(opened);
    }

    /// <summary>Posts <paramref name="fields"/> to a handler of the tracking page with the form token of <paramref name="page"/>.</summary>
    private static async Task<HttpResponseMessage> PostToHandlerAsync(StaffClient citizen, AngleSharp.Html.Dom.IHtmlDocument page, string handler, params (string Name, string Value)[] fields)
    {
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        return await citizen.Http.PostAsync(new Uri($"/doi-thoai/theo-doi?handler={handler}", UriKind.Relative), content);
    }

    [Fact]
    public async Task A_question_sent_with_the_form_leads_to_a_printable_page_with_its_tracking_code_and_secret_shown_once()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app);
        using var citizen = app.CreateStaffClient();
        using var sent = await citizen.SubmitFormAsync($"/doi-thoai/{sessionId}",
            [new("Input.Text", "Xin hỏi làm hộ chiếu cho trẻ em dưới 14 tuổi cần những gì?"), new("Input.FieldCode", "XNC")], formAction: "handler=Question");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/doi-thoai/da-gui", sent.Headers.Location!.OriginalString);

        var page = await citizen.GetPageAsync("/doi-thoai/da-gui");
        Assert.Contains("sau khi thư ký duyệt", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var code = page.QuerySelector("[data-tracking-code]")!.TextContent;
        Assert.Matches("^CH-[0-9]{4}-[2-9A-Z]{6}$", code);
        Assert.Matches("^[2-9A-Z]{10}$", page.QuerySelector("[data-secret]")!.TextContent);
        Assert.NotNull(page.QuerySelector($"a[href='/doi-thoai/theo-doi?ma={code}']"));
        Assert.NotNull(page.QuerySelector("button[data-print]"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/print.']"));
        Assert.Equal(code, await app.WithDbAsync(db => db.Opinions.Where(o => o.SessionId == sessionId).Select(o => o.TrackingCode).SingleAsync()));

        var again = await citizen.GetPageAsync("/doi-thoai/da-gui");
        Assert.Null(again.QuerySelector("[data-secret]"));
    }

    [Fact]
    public async Task The_tracking_code_follows_a_question_from_pending_to_published_to_answered_with_the_answer()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        using var client = app.CreateClient();
        var sent = await AskAsync(client, sessionId, new { text = "Xin hỏi đăng ký tạm trú trực tuyến thế nào?", fieldCode = "CU-TRU" });

        var pending = await StatusAsync(client, sent.Code);
        Assert.Equal("pending", pending.GetProperty("status").GetString());
        Assert.Equal(sessionId, pending.GetProperty("sessionId").GetInt32());
        Assert.Equal(JsonValueKind.Null, pending.GetProperty("answer").ValueKind);
        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync($"/doi-thoai/theo-doi?ma={sent.Code.ToLowerInvariant()}");
        Assert.Equal("Đã tiếp nhận, chờ thư ký duyệt", page.QuerySelector("[data-status]")!.TextContent);

        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        using (var approved = await secretary.SubmitFormAsync(Console(sessionId), [new("opinionId", sent.Id.ToString())], formAction: "handler=Approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        Assert.Equal("approved", (await StatusAsync(client, sent.Code)).GetProperty("status").GetString());

        const string answer = "Ông/bà đăng nhập Cổng dịch vụ công quốc gia, chọn thủ tục đăng ký tạm trú.";
        using (var answered = await secretary.SubmitFormAsync(Console(sessionId),
                   [new("opinionId", sent.Id.ToString()), new("answer", answer), new("timing", "OnTheSpot"), new("answeredBy", "Trưởng Công an huyện"), new("unitId", "")],
                   formAction: "handler=Answer"))
        {
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }

        var done = await StatusAsync(client, sent.Code);
        Assert.Equal("answered", done.GetProperty("status").GetString());
        Assert.Equal(answer, done.GetProperty("answer").GetString());
        Assert.Equal("on-the-spot", done.GetProperty("answerTiming").GetString());
        page = await citizen.GetPageAsync($"/doi-thoai/theo-doi?ma={sent.Code}");
        Assert.Equal("Đã trả lời", page.QuerySelector("[data-status]")!.TextContent);
        Assert.Equal(answer, page.QuerySelector("[data-answer]")!.TextContent);
    }

    [Fact]
    public async Task A_rejected_question_shows_its_reason_but_never_its_text_without_the_secret()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        using var client = app.CreateClient();
        const string text = "Số điện thoại của ông hàng xóm tôi là 0900 000 111, đề nghị xử lý.";
        var sent = await AskAsync(client, sessionId, new { text });

        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        using (var rejected = await leader.SubmitFormAsync(Console(sessionId), [new("opinionId", sent.Id.ToString()), new("reason", "OthersPersonalData")], formAction: "handler=Reject"))
        {
            Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        }

        var status = await StatusAsync(client, sent.Code);
        Assert.Equal("rejected", status.GetProperty("status").GetString());
        Assert.Equal("Có thông tin cá nhân của người khác", status.GetProperty("rejectionReason").GetString());
        Assert.DoesNotContain("0900 000 111", status.GetRawText(), StringComparison.Ordinal);

        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync($"/doi-thoai/theo-doi?ma={sent.Code}");
        Assert.Equal("Không đăng", page.QuerySelector("[data-status]")!.TextContent);
        Assert.Equal("Có thông tin cá nhân của người khác", page.QuerySelector("[data-rejection]")!.TextContent);
        Assert.DoesNotContain("0900 000 111", page.Body!.TextContent, StringComparison.Ordinal);

        var withSecret = await OpenWithSecretAsync(citizen, sent.Code, sent.Secret);
        Assert.Equal(text, withSecret.QuerySelector("[data-question]")!.TextContent);
    }

    [Fact]
    public async Task A_question_merged_into_another_shows_the_answer_given_to_that_one()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var target = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị làm căn cước lưu động cho người già ở thôn xa.", OpinionStatus.Approved);
        using var client = app.CreateClient();
        var sent = await AskAsync(client, sessionId, new { text = "Người già ở thôn xa có được làm căn cước tại nhà không?" });

        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        using (var merged = await secretary.SubmitFormAsync(Console(sessionId), [new("opinionId", sent.Id.ToString()), new("targetId", target.ToString())], formAction: "handler=Merge"))
        {
            Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        }

        var waiting = await StatusAsync(client, sent.Code);
        Assert.Equal("merged", waiting.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("answer").ValueKind);

        using (var answered = await secretary.SubmitFormAsync(Console(sessionId),
                   [new("opinionId", target.ToString()), new("answer", "Công an xã làm căn cước lưu động mỗi tháng một lần."), new("timing", "OnTheSpot"), new("answeredBy", ""), new("unitId", "")],
                   formAction: "handler=Answer"))
        {
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }

        var status = await StatusAsync(client, sent.Code);
        Assert.Equal("merged", status.GetProperty("status").GetString());
        Assert.Equal("Công an xã làm căn cước lưu động mỗi tháng một lần.", status.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task An_unknown_tracking_code_is_a_404_problem_in_Vietnamese_and_the_page_says_it_was_not_found()
    {
        using var client = app.CreateClient();
        using var unknown = await client.GetAsync(new Uri("/api/v1/dialogues/questions/CH-2026-ZZZZZZ", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Không tìm thấy mã theo dõi này.", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync("/doi-thoai/theo-doi?ma=CH-2026-ZZZZZZ");
        Assert.Contains("Không tìm thấy mã theo dõi này.", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-status]"));
    }

    [Fact]
    public async Task Without_the_secret_or_with_a_wrong_one_neither_the_name_nor_the_phone_nor_the_text_is_shown()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        using var client = app.CreateClient();
        const string text = "Xin cán bộ gọi lại hướng dẫn tôi thủ tục đổi giấy phép lái xe.";
        var sent = await AskAsync(client, sessionId, new { text, authorName = "Bế Văn Đàn", phone = "0915 246 810", contactConsent = true });

        foreach (var secret in new string?[] { null, "SAIMABIMAT", sent.Secret + "X" })
        {
            var status = await StatusAsync(client, sent.Code, secret);
            Assert.False(status.GetProperty("secretAccepted").GetBoolean());
            Assert.Equal(JsonValueKind.Null, status.GetProperty("text").ValueKind);
            foreach (var personal in new[] { "Bế Văn Đàn", "0915 246 810", text })
            {
                Assert.DoesNotContain(personal, status.GetRawText(), StringComparison.Ordinal);
            }
        }

        using var citizen = app.CreateStaffClient();
        var plain = await citizen.GetPageAsync($"/doi-thoai/theo-doi?ma={sent.Code}");
        var wrong = await OpenWithSecretAsync(citizen, sent.Code, "SAIMABIMAT");
        foreach (var page in new[] { plain, wrong })
        {
            Assert.Null(page.QuerySelector("[data-personal-data]"));
            Assert.Null(page.QuerySelector("form[action*='handler=DeleteData']"));
            Assert.DoesNotContain("Bế Văn Đàn", page.Body!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("0915 246 810", page.Body!.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains("Mã bí mật không đúng", wrong.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.True((await StatusAsync(client, sent.Code, sent.Secret.ToLowerInvariant())).GetProperty("secretAccepted").GetBoolean());
    }

    [Fact]
    public async Task The_author_sees_their_name_and_phone_with_the_secret_and_deleting_them_keeps_the_question()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        using var client = app.CreateClient();
        const string text = "Đề nghị công an xã tuần tra khu chợ phiên sáng chủ nhật.";
        var sent = await AskAsync(client, sessionId, new { text, authorName = "Nông Thị Xuân", phone = "0912 888 999", contactConsent = true });

        using var citizen = app.CreateStaffClient();
        var page = await OpenWithSecretAsync(citizen, sent.Code, sent.Secret);
        var personal = page.QuerySelector("[data-personal-data]")!.TextContent;
        Assert.Contains("Nông Thị Xuân", personal, StringComparison.Ordinal);
        Assert.Contains("0912 888 999", personal, StringComparison.Ordinal);
        Assert.Equal(text, page.QuerySelector("[data-question]")!.TextContent);

        var form = page.QuerySelector("form[action*='handler=DeleteData']")!;
        using var deleted = await PostToHandlerAsync(citizen, page, "DeleteData",
            [.. form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
                .Select(i => (i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))]);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var after = await StaffClient.ParseAsync(deleted);
        Assert.Contains("Đã xóa họ tên và số điện thoại của bạn.", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("không lưu họ tên hay số điện thoại", after.QuerySelector("[data-personal-data]")!.TextContent, StringComparison.Ordinal);

        var stored = await DialogueTestData.OpinionAsync(app, sent.Id);
        Assert.Null(stored.AuthorName);
        Assert.Null(stored.ProtectedContact);
        Assert.Equal(text, stored.Text);
        Assert.Equal(OpinionStatus.Pending, stored.Status);
        Assert.Equal("pending", (await StatusAsync(client, sent.Code)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Deleting_personal_data_needs_the_right_secret()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        using var client = app.CreateClient();
        var sent = await AskAsync(client, sessionId, new { text = "Xin hỏi thời gian làm việc bộ phận một cửa ngày thứ bảy.", authorName = "Lục Văn Sáng", phone = "0913 000 555", contactConsent = true });

        using var stranger = app.CreateStaffClient();
        var page = await stranger.GetPageAsync($"/doi-thoai/theo-doi?ma={sent.Code}");
        using var refused = await PostToHandlerAsync(stranger, page, "DeleteData", ("ma", sent.Code), ("bi-mat", "SAIMABIMAT"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Mã theo dõi hoặc mã bí mật không đúng.", (await StaffClient.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var stored = await DialogueTestData.OpinionAsync(app, sent.Id);
        Assert.Equal("Lục Văn Sáng", stored.AuthorName);
        Assert.NotNull(stored.ProtectedContact);
    }

    [Fact]
    public async Task The_answers_feed_is_valid_RSS_advertised_on_every_page_and_lists_only_published_answers()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var draftId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Draft);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var answered = await DialogueTestData.AddOpinionAsync(app, sessionId, $"Câu hỏi đã trả lời {marker}", OpinionStatus.Approved);
        var pending = await DialogueTestData.AddOpinionAsync(app, sessionId, $"Câu hỏi chờ duyệt {marker}");
        var rejected = await DialogueTestData.AddOpinionAsync(app, sessionId, $"Câu hỏi không đăng {marker}", OpinionStatus.Rejected);
        var inDraft = await DialogueTestData.AddOpinionAsync(app, draftId, $"Câu hỏi của buổi chưa công bố {marker}", OpinionStatus.Answered);
        await app.WithDbAsync(db => db.Opinions.Where(o => o.Id == answered || o.Id == inDraft).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, OpinionStatus.Answered).SetProperty(o => o.Answer, $"Trả lời {marker}")
            .SetProperty(o => o.AuthorName, "Hoàng Văn Ẩn").SetProperty(o => o.AnsweredAt, DateTime.UtcNow.AddMinutes(1))));

        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri("/doi-thoai/tra-loi.rss", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        var rss = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("2.0", rss.Root!.Attribute("version")?.Value);
        var items = rss.Descendants("item").ToList();
        Assert.InRange(items.Count, 1, 50);
        var ours = items.Where(i => (i.Element("title")?.Value ?? "").Contains(marker, StringComparison.Ordinal)).ToList();
        var item = Assert.Single(ours);
        Assert.Equal($"Câu hỏi đã trả lời {marker}", item.Element("title")!.Value);
        Assert.Contains($"Trả lời {marker}", item.Element("description")!.Value, StringComparison.Ordinal);
        Assert.EndsWith($"/doi-thoai/{sessionId}#y-kien-{answered}", item.Element("link")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Hoàng Văn Ẩn", rss.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(items, i => i.Element("link")!.Value.EndsWith($"#y-kien-{pending}", StringComparison.Ordinal)
            || i.Element("link")!.Value.EndsWith($"#y-kien-{rejected}", StringComparison.Ordinal));

        using var visitor = app.CreateStaffClient();
        var home = await visitor.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector("link[rel=alternate][type='application/rss+xml'][href='/doi-thoai/tra-loi.rss']"));
    }
}
