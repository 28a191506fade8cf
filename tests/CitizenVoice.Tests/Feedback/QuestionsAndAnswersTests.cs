using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Feedback;

[Collection(AppCollection.Name)]
public sealed class QuestionsAndAnswersTests(CitizenVoiceApp app)
{
    private const string Name = "Nguyễn Thị Hoa Mai";
    private const string Email = "hoamai.tamtru@example.com";
    private const string Phone = "0912 345 678";

    /// <summary>An item of Ngân Sơn sent through the API and answered; returns its id.</summary>
    private async Task<int> AnsweredItemAsync(bool publish, string subject, string content, string field = "CU-TRU")
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/feedback", new
        {
            kind = "phan-anh", fieldCode = field, unitCode = "BK-NS", subject, content, name = Name, email = Email, phone = Phone, consent = true, publish,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var code = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString();
        return await app.WithDbAsync(async db =>
        {
            var item = await db.FeedbackItems.SingleAsync(f => f.TrackingCode == code);
            item.Status = FeedbackStatus.Answered;
            item.Answer = $"Trả lời bà {Name}: sinh viên thuê trọ đăng ký tạm trú với phiếu khai báo và hợp đồng thuê nhà. Mọi thắc mắc xin gửi về {Email}.";
            item.AnsweredAt = DateTime.UtcNow;
            item.DueOn = null;
            await db.SaveChangesAsync();
            return item.Id;
        });
    }

    private static async Task<HttpResponseMessage> PostAsync(StaffClient staff, int id, string handler, params (string Name, string Value)[] fields)
    {
        var page = await staff.GetPageAsync($"/quan-tri/phan-anh-kien-nghi/{id}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token)));
        return await staff.Http.PostAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/{id}?handler={handler}", UriKind.Relative), content);
    }

    /// <summary>The moderator's form as the page fills it: the public title, question and answer.</summary>
    private static async Task<(string Title, string Question, string Answer)> PublicTextsAsync(StaffClient staff, int id)
    {
        var page = await staff.GetPageAsync($"/quan-tri/phan-anh-kien-nghi/{id}");
        return (((IHtmlInputElement)page.QuerySelector("#tieuDe")!).Value, ((IHtmlTextAreaElement)page.QuerySelector("#cauHoi")!).Value,
            ((IHtmlTextAreaElement)page.QuerySelector("#cauTraLoi")!).Value);
    }

    private Task<QuestionAnswer?> PublicationAsync(int id) =>
        app.WithDbAsync(db => db.QuestionAnswers.AsNoTracking().SingleOrDefaultAsync(q => q.FeedbackItemId == id));

    private static async Task<XDocument> FeedAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri(QuestionsFeed.Path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Feedback_whose_sender_did_not_agree_cannot_be_proposed_or_published()
    {
        var id = await AnsweredItemAsync(false, "Hỏi về cấp căn cước cho trẻ em", "Con tôi 10 tuổi có phải làm căn cước không, làm ở đâu?");
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var page = await leader.GetPageAsync($"/quan-tri/phan-anh-kien-nghi/{id}");
        Assert.NotNull(page.QuerySelector("[data-publication=no-consent]"));
        Assert.Null(page.QuerySelector("form[action*='handler=Propose']"));

        using var proposed = await PostAsync(leader, id, "Propose");
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        Assert.Contains("Người gửi không đồng ý công khai", (await StaffClient.ParseAsync(proposed)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        using var published = await PostAsync(leader, id, "Publish", ("tieuDe", "Căn cước cho trẻ em"), ("cauHoi", "Con tôi có phải làm căn cước?"), ("cauTraLoi", "Có."));
        Assert.Null(await PublicationAsync(id));
        Assert.Equal(0, await app.WithDbAsync(db => db.FeedbackEvents.CountAsync(e => e.FeedbackItemId == id && e.Action == FeedbackAction.Published)));
    }

    [Fact]
    public async Task A_moderator_of_the_unit_publishes_a_question_without_the_senders_name_email_or_phone_and_withdraws_it_from_the_page_and_the_feed()
    {
        var id = await AnsweredItemAsync(true, "Đăng ký tạm trú cho sinh viên thuê trọ",
            $"Tôi là {Name}, điện thoại {Phone}, email {Email}. Em gái tôi là sinh viên thuê trọ ở thị trấn Nà Phặc, gọi 0987.654.321 hoặc +84 912 000 111. Xin hỏi đăng ký tạm trú cần giấy tờ gì?");

        // Staff of the unit propose it; the copy the app prepares already hides the name and contacts.
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        using (var proposed = await PostAsync(officer, id, "Propose"))
        {
            Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        }

        var draft = await PublicationAsync(id);
        Assert.Equal(QuestionAnswerStatus.Proposed, draft!.Status);
        foreach (var text in new[] { draft.Title, draft.Question, draft.Answer })
        {
            foreach (var personal in new[] { Name, Email, Phone, "0987.654.321", "912 000 111" })
            {
                Assert.DoesNotContain(personal, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Contains("Xin hỏi đăng ký tạm trú cần giấy tờ gì?", draft.Question, StringComparison.Ordinal);
        Assert.Contains("phiếu khai báo và hợp đồng thuê nhà", draft.Answer, StringComparison.Ordinal);

        // An officer may not publish; a moderator and a leader of other units do not even see the item.
        using (var denied = await PostAsync(officer, id, "Publish", ("tieuDe", draft.Title), ("cauHoi", draft.Question), ("cauTraLoi", draft.Answer)))
        {
            // Staff who may not do something are sent to the "no permission" page.
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("/khong-co-quyen", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        foreach (var outsider in new[] { "thuky", "canbo.babe" })
        {
            using var other = app.CreateStaffClient();
            await other.SignInAsync(outsider);
            var token = (await other.GetPageAsync("/")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("tieuDe", "x"), new("cauHoi", "x"), new("cauTraLoi", "x")]);
            using var response = await other.Http.PostAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/{id}?handler=Publish", UriKind.Relative), content);
            var denied = response.StatusCode == HttpStatusCode.NotFound
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/khong-co-quyen", StringComparison.Ordinal));
            Assert.True(denied, $"{outsider}: {response.StatusCode}");
        }

        Assert.Equal(QuestionAnswerStatus.Proposed, (await PublicationAsync(id))!.Status);

        // The leader of Ngân Sơn edits and publishes; a contact typed back in by mistake is hidden again.
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var (title, question, answer) = await PublicTextsAsync(leader, id);
        Assert.DoesNotContain(Email, question, StringComparison.Ordinal);
        using (var published = await PostAsync(leader, id, "Publish", ("tieuDe", title), ("cauHoi", question + " Liên hệ " + Email), ("cauTraLoi", answer)))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        var qa = await PublicationAsync(id);
        Assert.Equal(QuestionAnswerStatus.Published, qa!.Status);

        using var citizen = app.CreateStaffClient();
        var own = await citizen.GetPageAsync($"/phan-anh-kien-nghi/hoi-dap/{qa.Id}");
        var shown = own.QuerySelector("main")!.TextContent;
        Assert.Contains("Xin hỏi đăng ký tạm trú cần giấy tờ gì?", own.QuerySelector("[data-question]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("phiếu khai báo và hợp đồng thuê nhà", own.QuerySelector("[data-answer]")!.TextContent, StringComparison.Ordinal);
        foreach (var personal in new[] { Name, Email, "hoamai", "0912", "345 678", "0987", "912 000 111" })
        {
            Assert.DoesNotContain(personal, shown, StringComparison.OrdinalIgnoreCase);
        }

        // Found by words typed without diacritics, in its field and not in another.
        var found = await citizen.GetPageAsync("/phan-anh-kien-nghi/hoi-dap?q=tam+tru+sinh+vien+thue+tro");
        Assert.NotNull(found.QuerySelector($"[data-qa='{qa.Id}']"));
        Assert.NotNull((await citizen.GetPageAsync("/phan-anh-kien-nghi/hoi-dap?q=TẠM+TRÚ&linh-vuc=CU-TRU")).QuerySelector($"[data-qa='{qa.Id}']"));
        Assert.Null((await citizen.GetPageAsync("/phan-anh-kien-nghi/hoi-dap?q=tam+tru&linh-vuc=DKX")).QuerySelector($"[data-qa='{qa.Id}']"));
        Assert.Null((await citizen.GetPageAsync("/phan-anh-kien-nghi/hoi-dap?q=tam+tru+hoamai")).QuerySelector($"[data-qa='{qa.Id}']"));

        var feed = await FeedAsync(citizen.Http);
        var links = feed.Descendants("item").Select(i => (string)i.Element("link")!).ToList();
        Assert.Contains(links, l => l.EndsWith($"/phan-anh-kien-nghi/hoi-dap/{qa.Id}", StringComparison.Ordinal));
        var publishedIds = await app.WithDbAsync(db => db.QuestionAnswers.Where(q => q.Status == QuestionAnswerStatus.Published).Select(q => q.Id).ToListAsync());
        Assert.All(links, l => Assert.Contains(int.Parse(l[(l.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture), publishedIds));
        Assert.DoesNotContain(Email, feed.ToString(), StringComparison.Ordinal);

        using (var withdrawn = await PostAsync(leader, id, "Withdraw"))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        await citizen.GetPageAsync($"/phan-anh-kien-nghi/hoi-dap/{qa.Id}", HttpStatusCode.NotFound);
        Assert.Null((await citizen.GetPageAsync("/phan-anh-kien-nghi/hoi-dap?q=tam+tru+sinh+vien+thue+tro")).QuerySelector($"[data-qa='{qa.Id}']"));
        Assert.DoesNotContain((await FeedAsync(citizen.Http)).Descendants("item"), i => ((string)i.Element("link")!).EndsWith($"/hoi-dap/{qa.Id}", StringComparison.Ordinal));

        // Every step is on the item's timeline and in the audit log.
        var steps = await app.WithDbAsync(db => db.FeedbackEvents.Where(e => e.FeedbackItemId == id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([FeedbackAction.PublicationProposed, FeedbackAction.Published, FeedbackAction.PublicationWithdrawn], steps.Where(a => a >= FeedbackAction.PublicationProposed));
        var audited = await app.WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == nameof(QuestionAnswer) && a.EntityKey == $"HD-{id}").Select(a => a.UserName).ToListAsync());
        Assert.Contains("canbo.nganson", audited);
        Assert.Contains("lanhdao.nganson", audited);
        var timeline = (await leader.GetPageAsync($"/quan-tri/phan-anh-kien-nghi/{id}")).QuerySelector(".timeline")!.TextContent;
        Assert.Contains("Đăng câu hỏi và trả lời lên trang Hỏi đáp", timeline, StringComparison.Ordinal);
        Assert.Contains("Gỡ câu hỏi và trả lời khỏi trang Hỏi đáp", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_questions_page_pages_through_many_answers_and_names_no_sender()
    {
        var ids = new List<int>();
        for (var i = 0; i < 22; i++)
        {
            var id = await AnsweredItemAsync(true, $"Hỏi về lệ phí cấp hộ chiếu phổ thông số {i}", "Xin hỏi lệ phí cấp hộ chiếu phổ thông hiện nay là bao nhiêu?", "XNC");
            ids.Add(id);
        }

        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao");
        foreach (var id in ids)
        {
            using var proposed = await PostAsync(leader, id, "Propose");
            var (title, question, answer) = await PublicTextsAsync(leader, id);
            using var published = await PostAsync(leader, id, "Publish", ("tieuDe", title), ("cauHoi", question), ("cauTraLoi", answer));
        }

        using var citizen = app.CreateStaffClient();
        var first = await citizen.GetPageAsync("/phan-anh-kien-nghi/hoi-dap?q=le+phi+ho+chieu+pho+thong&linh-vuc=XNC");
        Assert.Equal("22", first.QuerySelector("[data-total]")!.GetAttribute("data-total"));
        Assert.Equal(QuestionsPageModel.PageSize, first.QuerySelectorAll("[data-qa]").Length);
        var next = first.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var second = await citizen.GetPageAsync(next);
        Assert.Equal(2, second.QuerySelectorAll("[data-qa]").Length);
        Assert.DoesNotContain(Name, first.Body!.TextContent + second.Body!.TextContent, StringComparison.Ordinal);
    }
}
