using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using CitizenVoice.Tests.Staff;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Dialogues;

[Collection(AppCollection.Name)]
public sealed class ModerationTests(CitizenVoiceApp app)
{
    private static string Console(int sessionId) => $"/quan-tri/doi-thoai/{sessionId}/dieu-phoi";

    [Fact]
    public async Task The_provincial_secretary_approves_a_citizens_question_and_it_becomes_public()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        using var citizen = app.CreateClient();
        const string text = "Xin hỏi làm lại thẻ căn cước bị mất thì nộp hồ sơ ở đâu?";
        using var sent = await citizen.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions", new { text, fieldCode = "CCCD" });
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        var console = await secretary.GetPageAsync(Console(sessionId));
        Assert.Contains(text, console.QuerySelector($"#y-kien-{id}")!.TextContent);

        using var approved = await secretary.SubmitFormAsync(Console(sessionId), [new("opinionId", id.ToString())], formAction: "handler=Approve");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        using var viewer = app.CreateStaffClient();
        var page = await viewer.GetPageAsync($"/doi-thoai/{sessionId}");
        Assert.Contains(text, page.QuerySelector($"#y-kien-{id}")!.TextContent);
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.EntityType == "Opinion" && a.EntityKey == $"YK-{id}" && a.UserName == "thuky")));
    }

    [Fact]
    public async Task A_rejected_question_keeps_its_reason_stays_hidden_and_the_audit_log_never_holds_the_authors_name()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        using var citizen = app.CreateClient();
        using var sent = await citizen.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions", new { text = "Nội dung quảng cáo bán hàng không liên quan.", authorName = "Trần Văn Bán" });
        var id = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        using var rejected = await leader.SubmitFormAsync(Console(sessionId), [new("opinionId", id.ToString()), new("reason", "Advertising")], formAction: "handler=Reject");
        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);

        var opinion = await DialogueTestData.OpinionAsync(app, id);
        Assert.Equal(OpinionStatus.Rejected, opinion.Status);
        Assert.Equal(RejectionReason.Advertising, opinion.RejectionReason);
        var page = await app.CreateStaffClient().GetPageAsync($"/doi-thoai/{sessionId}");
        Assert.Null(page.QuerySelector($"#y-kien-{id}"));
        var console = await leader.GetPageAsync(Console(sessionId));
        Assert.Contains("Quảng cáo, tin rác", console.QuerySelector($"#y-kien-{id}")!.TextContent);
        var status = await citizen.GetFromJsonAsync<JsonElement>($"/api/v1/dialogues/{sessionId}/questions/{id}");
        Assert.Equal("rejected", status.GetProperty("status").GetString());
        Assert.Equal("Quảng cáo, tin rác", status.GetProperty("rejectionReason").GetString());
        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.EntityKey == $"YK-{id}").ToListAsync());
        Assert.NotEmpty(audit);
        Assert.DoesNotContain(audit, a => (a.Before + a.After).Contains("Trần Văn Bán", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merging_a_duplicate_carries_its_supports_to_the_target_counting_each_browser_once()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var target = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị cấp căn cước lưu động cho người già ở thôn xa.", OpinionStatus.Approved);
        var duplicate = await DialogueTestData.AddOpinionAsync(app, sessionId, "Người già ở thôn xa có được làm căn cước tại nhà không?", OpinionStatus.Approved);
        using var both = app.CreateStaffClient();
        using var onlyDuplicate = app.CreateStaffClient();
        async Task SupportAsync(StaffClient browser, int opinionId)
        {
            using var r = await browser.SubmitFormAsync($"/doi-thoai/{sessionId}", [new("opinionId", opinionId.ToString())], formAction: "handler=Support");
        }

        await SupportAsync(both, target);
        await SupportAsync(both, duplicate);
        await SupportAsync(onlyDuplicate, duplicate);

        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        using var merged = await secretary.SubmitFormAsync(Console(sessionId), [new("opinionId", duplicate.ToString()), new("targetId", target.ToString())], formAction: "handler=Merge");
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);

        var after = await DialogueTestData.OpinionAsync(app, target);
        var source = await DialogueTestData.OpinionAsync(app, duplicate);
        Assert.Equal(2, after.Supports);
        Assert.Equal(OpinionStatus.Merged, source.Status);
        Assert.Equal(target, source.MergedIntoId);
        Assert.Equal(2, await app.WithDbAsync(db => db.OpinionSupports.CountAsync(s => s.OpinionId == target)));

        var page = await both.GetPageAsync($"/doi-thoai/{sessionId}");
        Assert.Null(page.QuerySelector($"#y-kien-{duplicate}"));
        Assert.Contains("gộp 1 ý kiến trùng", page.QuerySelector($"#y-kien-{target}")!.TextContent);
    }

    [Fact]
    public async Task Correcting_the_spelling_keeps_the_original_text()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var id = await DialogueTestData.AddOpinionAsync(app, sessionId, "xin hoi thu tuc dang ky tam tru o dau");
        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");

        using var edited = await secretary.SubmitFormAsync(Console(sessionId), [new("opinionId", id.ToString()), new("text", "Xin hỏi thủ tục đăng ký tạm trú ở đâu?")], formAction: "handler=Edit");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var opinion = await DialogueTestData.OpinionAsync(app, id);
        Assert.Equal("Xin hỏi thủ tục đăng ký tạm trú ở đâu?", opinion.Text);
        Assert.Equal("xin hoi thu tuc dang ky tam tru o dau", opinion.OriginalText);
    }

    [Fact]
    public async Task Answers_and_commitments_appear_in_the_accountability_figures()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        using (var _ = await secretary.SubmitFormAsync(Console(sessionId),
                   [new("channel", "Spoken"), new("fieldCode", "CCCD"), new("text", "Đề nghị trả thẻ căn cước tại xã cho bà con.")], formAction: "handler=Record")) { }
        using (var _ = await secretary.SubmitFormAsync(Console(sessionId),
                   [new("channel", "Paper"), new("fieldCode", "DKX"), new("text", "Đề nghị tăng cường tuần tra phiên chợ.")], formAction: "handler=Record")) { }
        var ids = await app.WithDbAsync(db => db.Opinions.Where(o => o.SessionId == sessionId).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync());
        var ns = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync());

        using (var _ = await secretary.SubmitFormAsync(Console(sessionId),
                   [new("opinionId", ids[0].ToString()), new("answer", "Công an huyện sẽ trả thẻ tại xã."), new("timing", "OnTheSpot"), new("answeredBy", "Trưởng Công an huyện"), new("unitId", ns.ToString())],
                   formAction: "handler=Answer")) { }
        using (var _ = await secretary.SubmitFormAsync(Console(sessionId),
                   [new("opinionId", ids[1].ToString()), new("answer", "Đã có văn bản trả lời."), new("timing", "Later"), new("answeredBy", ""), new("unitId", "")],
                   formAction: "handler=Answer")) { }
        var today = app.Today;
        foreach (var (what, due) in new[] { ("Trả thẻ tại xã", today), ("Tuần tra phiên chợ", today.AddDays(30)), ("Niêm yết lịch trả thẻ", today.AddDays(10)) })
        {
            using var c = await secretary.SubmitFormAsync(Console(sessionId),
                [new("opinionId", ids[0].ToString()), new("what", what), new("unitId", ns.ToString()), new("dueOn", due.ToString("yyyy-MM-dd"))], formAction: "handler=Commit");
            Assert.Equal(HttpStatusCode.Redirect, c.StatusCode);
        }

        // Three days later the first deadline has passed.
        await app.WithDbAsync(db => db.Commitments.Where(c => c.SessionId == sessionId && c.What == "Trả thẻ tại xã")
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DueOn, today.AddDays(-3))));

        var done = await app.WithDbAsync(db => db.Commitments.Where(c => c.SessionId == sessionId && c.What == "Niêm yết lịch trả thẻ").Select(c => c.Id).SingleAsync());
        using (var _ = await secretary.SubmitFormAsync(Console(sessionId),
                   [new("commitmentId", done.ToString()), new("status", "Done"), new("evidence", "Đã niêm yết tại trụ sở xã.")], formAction: "handler=UpdateCommitment")) { }

        var page = await app.CreateStaffClient().GetPageAsync($"/doi-thoai/{sessionId}");
        string Figure(string name) => page.QuerySelector($"[data-figure={name}]")!.TextContent.Trim();
        Assert.Equal("2", Figure("received"));
        Assert.Equal("1", Figure("on-the-spot"));
        Assert.Equal("1", Figure("later"));
        Assert.Equal("1", Figure("done"));
        Assert.Equal("1", Figure("in-progress"));
        Assert.Equal("1", Figure("overdue"));
        Assert.Contains("Công an huyện sẽ trả thẻ tại xã.", page.QuerySelector($"#y-kien-{ids[0]}")!.TextContent);
        Assert.Contains("Phát biểu tại hội nghị", page.QuerySelector($"#y-kien-{ids[0]}")!.TextContent);
        Assert.Contains("Quá hạn", page.QuerySelector($"#y-kien-{ids[0]}")!.TextContent);
    }

    [Fact]
    public async Task A_commitment_with_a_deadline_already_past_is_refused_with_a_clear_message()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị trả thẻ căn cước tại xã cho bà con.", OpinionStatus.Approved);
        var ns = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync());
        var today = app.Today;
        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");

        using (var late = await secretary.SubmitFormAsync(Console(sessionId),
                   [new("opinionId", opinionId.ToString()), new("what", "Trả thẻ tồn đọng"), new("unitId", ns.ToString()), new("dueOn", today.AddDays(-1).ToString("yyyy-MM-dd"))],
                   formAction: "handler=Commit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        }

        var console = await secretary.GetPageAsync(Console(sessionId));
        Assert.Contains("Thời hạn cam kết không được trước ngày hôm nay.", console.QuerySelector(".alert-danger")?.TextContent ?? "(no error shown)");
        Assert.False(await app.WithDbAsync(db => db.Commitments.AnyAsync(c => c.SessionId == sessionId)));

        using (var onTime = await secretary.SubmitFormAsync(Console(sessionId),
                   [new("opinionId", opinionId.ToString()), new("what", "Trả thẻ tồn đọng"), new("unitId", ns.ToString()), new("dueOn", today.ToString("yyyy-MM-dd"))],
                   formAction: "handler=Commit")) { }
        var page = await app.CreateStaffClient().GetPageAsync($"/doi-thoai/{sessionId}");
        Assert.Equal("0", page.QuerySelector("[data-figure=overdue]")!.TextContent.Trim());
        Assert.True(await app.WithDbAsync(db => db.Commitments.AnyAsync(c => c.SessionId == sessionId && c.DueOn == today)));
    }

    [Fact]
    public async Task Staff_of_another_district_cannot_moderate_a_Ngan_Son_session()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var id = await DialogueTestData.AddOpinionAsync(app, sessionId, "Câu hỏi chờ duyệt của huyện Ngân Sơn.");

        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.babe");
        using var asOfficer = await officer.Http.GetAsync(Console(sessionId));
        Assert.StartsWith("/khong-co-quyen", asOfficer.Headers.Location!.PathAndQuery);

        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        await SignInTests.CreateAccountAsync(admin, "thuky.babe", "BK-BB", role: "Moderator");
        using var otherSecretary = app.CreateStaffClient();
        await otherSecretary.SignInAsync("thuky.babe");
        using var page = await otherSecretary.Http.GetAsync(Console(sessionId));
        Assert.StartsWith("/khong-co-quyen", page.Headers.Location!.PathAndQuery);

        // Even with a token from a page it may open, a post for another district's opinion is refused.
        var ownSession = await DialogueTestData.CreateSessionAsync(app, "BK-BB");
        await DialogueTestData.AddOpinionAsync(app, ownSession, "Câu hỏi của huyện Ba Bể để có nút duyệt.");
        var own = await otherSecretary.GetPageAsync(Console(ownSession));
        var token = own.QuerySelector("form[action*='handler=Approve'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new FormUrlEncodedContent([new("opinionId", id.ToString()), new("__RequestVerificationToken", token)]);
        using var post = await otherSecretary.Http.PostAsync(Console(sessionId) + "?handler=Approve", content);
        Assert.StartsWith("/khong-co-quyen", post.Headers.Location!.PathAndQuery);
        Assert.Equal(OpinionStatus.Pending, (await DialogueTestData.OpinionAsync(app, id)).Status);

        var list = await otherSecretary.GetPageAsync("/quan-tri/doi-thoai");
        Assert.Null(list.QuerySelector($"tr[data-session='{sessionId}']"));
        Assert.NotNull(list.QuerySelector($"tr[data-session='{ownSession}']"));
    }

    [Fact]
    public async Task A_secretary_drafts_a_session_and_only_a_leader_of_the_host_unit_or_above_announces_it()
    {
        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        var form = await secretary.GetPageAsync("/quan-tri/doi-thoai/them");
        var ns = form.QuerySelectorAll("#Input_HostUnitId option").First(o => o.TextContent.Contains("(BK-NS)", StringComparison.Ordinal)).GetAttribute("value")!;
        var title = $"Đối thoại về đăng ký xe {Guid.NewGuid():N}";
        using var created = await secretary.SubmitFormAsync("/quan-tri/doi-thoai/them",
        [
            new("Input.Title", title), new("Input.HostUnitId", ns), new("Input.Chair", "Trưởng Công an huyện Ngân Sơn"),
            new("Input.Format", "Hybrid"), new("Input.Venue", "Hội trường Công an huyện"), new("Input.FieldCodes", "DKX"),
            new("Input.StartsAt", "2030-05-20T08:00"), new("Input.EndsAt", "2030-05-20T11:00"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var edit = created.Headers.Location!.OriginalString;
        var id = await app.WithDbAsync(db => db.DialogueSessions.Where(s => s.Title == title).Select(s => s.Id).SingleAsync());
        Assert.Equal(new DateTime(2030, 5, 20, 1, 0, 0), await app.WithDbAsync(db => db.DialogueSessions.Where(s => s.Id == id).Select(s => s.StartsAt).SingleAsync()));
        using (var draftPage = await app.CreateClient().GetAsync($"/doi-thoai/{id}")) { Assert.Equal(HttpStatusCode.NotFound, draftPage.StatusCode); }

        using var refused = await secretary.SubmitFormAsync(edit, [], formAction: "handler=Advance");
        Assert.Contains("Chỉ lãnh đạo đơn vị chủ trì hoặc cấp trên", (await StaffClient.ParseAsync(refused)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(DialogueStatus.Draft, await app.WithDbAsync(db => db.DialogueSessions.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));

        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        using var announced = await leader.SubmitFormAsync(edit, [], formAction: "handler=Advance");
        Assert.Equal(HttpStatusCode.Redirect, announced.StatusCode);
        using var opened = await secretary.SubmitFormAsync(edit, [], formAction: "handler=Advance");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);

        var session = await app.WithDbAsync(db => db.DialogueSessions.AsNoTracking().SingleAsync(s => s.Id == id));
        Assert.Equal(DialogueStatus.OpenForQuestions, session.Status);
        Assert.Equal("Lục Văn Bình", session.AnnouncementApprovedBy);
        var page = await app.CreateStaffClient().GetPageAsync($"/doi-thoai/{id}");
        Assert.NotNull(page.QuerySelector("form[action*='handler=Question']"));
    }

    [Fact]
    public async Task Publishing_the_minutes_deletes_the_phone_numbers_citizens_left()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Live);
        using var citizen = app.CreateClient();
        using (var _ = await citizen.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions",
                   new { text = "Xin cán bộ gọi lại cho tôi về hồ sơ cư trú.", phone = "0987 654 321", contactConsent = true })) { }
        Assert.NotNull(await app.WithDbAsync(db => db.Opinions.Where(o => o.SessionId == sessionId).Select(o => o.ProtectedContact).SingleAsync()));

        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var edit = $"/quan-tri/doi-thoai/{sessionId}/sua";
        using (var closed = await leader.SubmitFormAsync(edit, [], formAction: "handler=Advance")) { Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode); }
        using (var published = await leader.SubmitFormAsync(edit, [], formAction: "handler=Advance")) { Assert.Equal(HttpStatusCode.Redirect, published.StatusCode); }

        Assert.Equal(DialogueStatus.MinutesPublished, await app.WithDbAsync(db => db.DialogueSessions.Where(s => s.Id == sessionId).Select(s => s.Status).SingleAsync()));
        Assert.Null(await app.WithDbAsync(db => db.Opinions.Where(o => o.SessionId == sessionId).Select(o => o.ProtectedContact).SingleAsync()));
    }

    [Fact]
    public async Task Publishing_the_minutes_keeps_the_phone_of_an_author_whose_promise_is_still_being_carried_out()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Live);
        using var citizen = app.CreateClient();
        async Task<int> AskAsync(string text, string phone)
        {
            using var sent = await citizen.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions", new { text, phone, contactConsent = true });
            return (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        }

        var promised = await AskAsync("Đề nghị sửa biển báo hỏng ở ngã ba Nà Phặc.", "0987 000 111");
        var answered = await AskAsync("Xin hỏi giờ làm việc bộ phận một cửa.", "0987 000 222");
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var ns = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync());
        using (var approved = await leader.SubmitFormAsync(Console(sessionId), [new("opinionId", promised.ToString())], formAction: "handler=Approve"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        using (var a = await leader.SubmitFormAsync(Console(sessionId),
                   [new("opinionId", promised.ToString()), new("answer", "Công an huyện phối hợp thay biển báo."), new("timing", "OnTheSpot"), new("answeredBy", ""), new("unitId", "")],
                   formAction: "handler=Answer"))
        {
            Assert.Equal(HttpStatusCode.Redirect, a.StatusCode);
        }

        using (var c = await leader.SubmitFormAsync(Console(sessionId),
                   [new("opinionId", promised.ToString()), new("what", "Thay biển báo"), new("unitId", ns.ToString()), new("dueOn", app.Today.AddDays(30).ToString("yyyy-MM-dd"))],
                   formAction: "handler=Commit"))
        {
            Assert.Equal(HttpStatusCode.Redirect, c.StatusCode);
        }

        var edit = $"/quan-tri/doi-thoai/{sessionId}/sua";
        using (var closed = await leader.SubmitFormAsync(edit, [], formAction: "handler=Advance")) { Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode); }
        using (var published = await leader.SubmitFormAsync(edit, [], formAction: "handler=Advance")) { Assert.Equal(HttpStatusCode.Redirect, published.StatusCode); }

        Assert.NotNull((await DialogueTestData.OpinionAsync(app, promised)).ProtectedContact);
        Assert.Null((await DialogueTestData.OpinionAsync(app, answered)).ProtectedContact);
    }
}
