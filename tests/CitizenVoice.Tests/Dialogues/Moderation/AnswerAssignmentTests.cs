using System.Globalization;
using System.Net;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Dialogues;

[Collection(AppCollection.Name)]
public sealed class AnswerAssignmentTests(CitizenVoiceApp app)
{
    private const string Work = "/quan-tri/viec-duoc-giao";

    private static string Console(int sessionId) => $"/quan-tri/doi-thoai/{sessionId}/dieu-phoi";

    private async Task<StaffClient> SignedInAsync(string user)
    {
        var client = app.CreateStaffClient();
        await client.SignInAsync(user);
        return client;
    }

    /// <summary>The secretary gives a published question to a unit through the console's form; returns the assignment's id.</summary>
    private async Task<int> AssignAsync(StaffClient moderator, int sessionId, int opinionId, string unitCode, DateOnly dueOn, string? official = null)
    {
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync());
        var officialId = official is null ? "" : await app.WithDbAsync(db => db.Users.Where(u => u.UserName == official).Select(u => u.Id).SingleAsync());
        using var response = await moderator.SubmitFormAsync(Console(sessionId), [
            new("opinionId", opinionId.ToString(CultureInfo.InvariantCulture)), new("unitId", unitId.ToString(CultureInfo.InvariantCulture)),
            new("assigneeId", officialId), new("dueOn", dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))], formAction: "handler=Assign");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.AnswerAssignments.Where(a => a.OpinionId == opinionId).Select(a => a.Id).SingleAsync());
    }

    /// <summary>
    /// Posts to a handler of the work list with the page's form token, for an assignment that need not be on the
    /// user's page (the requests a crafted form would make) and whether or not the page shows that button.
    /// </summary>
    private static async Task<HttpResponseMessage> PostAsync(StaffClient client, string handler, int assignmentId, string? field = null, string? value = null)
    {
        var token = (await client.GetPageAsync(Work)).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? (await client.GetPageAsync("/tai-khoan")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("assignmentId", assignmentId.ToString(CultureInfo.InvariantCulture)) };
        if (field is not null)
        {
            fields.Add(new(field, value ?? ""));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.Http.PostAsync(Work + "?handler=" + handler, content);
    }

    [Fact]
    public async Task A_question_given_to_a_unit_is_drafted_by_its_officer_approved_by_its_leader_and_then_published_with_the_question()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, "Xin hỏi khi nào xã có điểm làm căn cước lưu động?", OpinionStatus.Approved);
        using var secretary = await SignedInAsync("thuky");
        var id = await AssignAsync(secretary, sessionId, opinionId, "BK-NS", app.Today.AddDays(10), official: "canbo.nganson");
        Assert.Contains("Công an huyện Ngân Sơn", (await secretary.GetPageAsync(Console(sessionId))).QuerySelector($"#y-kien-{opinionId} .assignment-state")!.TextContent);

        using var officer = await SignedInAsync("canbo.nganson");
        var work = await officer.GetPageAsync(Work);
        Assert.Contains("Xin hỏi khi nào xã có điểm làm căn cước lưu động?", work.QuerySelector($"#giao-{id}")!.TextContent);
        Assert.Contains("Giao cho bạn", work.QuerySelector($"#giao-{id}")!.TextContent);
        const string answer = "Công an huyện tổ chức làm căn cước lưu động tại xã vào thứ Bảy đầu tiên mỗi tháng.";
        using (var drafted = await PostAsync(officer, "Draft", id, "answer", answer))
        {
            Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        }

        // A draft is not an answer: the public page shows nothing until a leader approves, and an officer cannot approve.
        using var citizen = app.CreateStaffClient();
        Assert.Null((await citizen.GetPageAsync($"/doi-thoai/{sessionId}")).QuerySelector($"#y-kien-{opinionId} .answer"));
        // The officer's page has no approve button; a crafted request is refused.
        using (var refused = await PostAsync(officer, "Approve", id))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/khong-co-quyen", refused.Headers.Location!.AbsolutePath);
        }

        Assert.Equal(AnswerAssignmentStatus.AwaitingApproval, await StatusAsync(id));

        using var leader = await SignedInAsync("lanhdao.nganson");
        Assert.Contains(answer, (await leader.GetPageAsync(Work)).QuerySelector($"#giao-{id} .draft")!.TextContent);
        using (var approved = await PostAsync(leader, "Approve", id))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var published = (await citizen.GetPageAsync($"/doi-thoai/{sessionId}")).QuerySelector($"#y-kien-{opinionId} .answer")!.TextContent;
        Assert.Contains(answer, published);
        Assert.Contains("Công an huyện Ngân Sơn", published);
        Assert.Contains("Trả lời sau bằng văn bản", published);
        Assert.Null((await officer.GetPageAsync(Work)).QuerySelector($"#giao-{id}"));
        var audited = await app.WithDbAsync(db => db.AuditLog.Where(a => a.EntityKey == $"GTL-{id}").Select(a => a.UserName).ToListAsync());
        Assert.Contains("thuky", audited);
        Assert.Contains("canbo.nganson", audited);
        Assert.Contains("lanhdao.nganson", audited);
    }

    [Fact]
    public async Task A_leader_sends_a_draft_back_with_a_reason_which_the_officer_reads_before_drafting_again()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị giải thích thủ tục đăng ký tạm trú cho sinh viên.", OpinionStatus.Approved);
        using var secretary = await SignedInAsync("thuky");
        var id = await AssignAsync(secretary, sessionId, opinionId, "BK-NS", app.Today.AddDays(7));
        using var officer = await SignedInAsync("canbo.nganson");
        using (var drafted = await PostAsync(officer, "Draft", id, "answer", "Sinh viên đăng ký tạm trú tại Công an xã."))
        {
            Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        }

        using var leader = await SignedInAsync("lanhdao.nganson");
        using (var noReason = await PostAsync(leader, "Return", id, "reason", "  "))
        {
            Assert.Equal(HttpStatusCode.Redirect, noReason.StatusCode);
        }

        Assert.Equal(AnswerAssignmentStatus.AwaitingApproval, await StatusAsync(id));
        using (var returned = await PostAsync(leader, "Return", id, "reason", "Bổ sung giấy tờ cần mang theo và thời hạn giải quyết."))
        {
            Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        }

        var work = await officer.GetPageAsync(Work);
        Assert.Contains("Bổ sung giấy tờ cần mang theo và thời hạn giải quyết.", work.QuerySelector($"#giao-{id} .return-reason")!.TextContent);
        Assert.Contains("Lãnh đạo trả lại", work.QuerySelector($"#giao-{id} .assignment-status")!.TextContent);
        // Sent back, it cannot be approved as it stands.
        using (var approved = await PostAsync(leader, "Approve", id))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        Assert.Null((await DialogueTestData.OpinionAsync(app, opinionId)).Answer);
        using (var again = await PostAsync(officer, "Draft", id, "answer", "Sinh viên mang căn cước và giấy xác nhận chỗ ở; giải quyết trong 3 ngày làm việc."))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        Assert.Equal(AnswerAssignmentStatus.AwaitingApproval, await StatusAsync(id));
    }

    [Fact]
    public async Task An_officer_or_leader_of_another_district_neither_sees_nor_answers_nor_approves_the_work()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var nganSon = await DialogueTestData.AddOpinionAsync(app, sessionId, "Câu hỏi giao Công an huyện Ngân Sơn trả lời.", OpinionStatus.Approved);
        var baBe = await DialogueTestData.AddOpinionAsync(app, sessionId, "Câu hỏi giao Công an huyện Ba Bể trả lời.", OpinionStatus.Approved);
        using var secretary = await SignedInAsync("thuky");
        var nganSonWork = await AssignAsync(secretary, sessionId, nganSon, "BK-NS", app.Today.AddDays(5));
        var baBeWork = await AssignAsync(secretary, sessionId, baBe, "BK-BB", app.Today.AddDays(5));

        using var outsider = await SignedInAsync("canbo.babe");
        var work = await outsider.GetPageAsync(Work);
        Assert.NotNull(work.QuerySelector($"#giao-{baBeWork}"));
        Assert.Null(work.QuerySelector($"#giao-{nganSonWork}"));
        using (var drafted = await PostAsync(outsider, "Draft", nganSonWork, "answer", "Trả lời của đơn vị khác."))
        {
            Assert.Equal(HttpStatusCode.NotFound, drafted.StatusCode);
        }

        using var nganSonLeader = await SignedInAsync("lanhdao.nganson");
        using (var approved = await PostAsync(nganSonLeader, "Approve", baBeWork))
        {
            Assert.Equal(HttpStatusCode.NotFound, approved.StatusCode);
        }

        var untouched = await app.WithDbAsync(db => db.AnswerAssignments.AsNoTracking().SingleAsync(a => a.Id == nganSonWork));
        Assert.Null(untouched.Draft);
        Assert.Equal(AnswerAssignmentStatus.Assigned, untouched.Status);
    }

    [Fact]
    public async Task Assigned_work_is_listed_by_due_date_with_the_overdue_ones_first_and_marked_and_counted_on_the_staff_home()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        using var secretary = await SignedInAsync("thuky");
        var ids = new List<int>();
        foreach (var (text, days) in new[] { ("Câu hỏi hạn còn mười ngày nữa.", 10), ("Câu hỏi đã quá hạn ba ngày.", 2), ("Câu hỏi hạn còn hai ngày nữa.", 2) })
        {
            var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, text, OpinionStatus.Approved);
            ids.Add(await AssignAsync(secretary, sessionId, opinionId, "BK-NS", app.Today.AddDays(days)));
        }

        // The form refuses a past date, so the second one falls overdue the way time would make it.
        var overdue = ids[1];
        await app.WithDbAsync(db => db.AnswerAssignments.Where(a => a.Id == overdue).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, app.Today.AddDays(-3))));

        using var officer = await SignedInAsync("canbo.nganson");
        var work = await officer.GetPageAsync(Work);
        var order = work.QuerySelectorAll("article.assignment").Select(a => int.Parse(a.Id!["giao-".Length..], CultureInfo.InvariantCulture)).Where(ids.Contains).ToList();
        Assert.Equal([ids[1], ids[2], ids[0]], order);
        Assert.Contains("Quá hạn 3 ngày", work.QuerySelector($"#giao-{ids[1]} .overdue-marker")!.TextContent);
        Assert.Null(work.QuerySelector($"#giao-{ids[2]} .overdue-marker"));
        Assert.Null(work.QuerySelector($"#giao-{ids[0]} .overdue-marker"));

        var home = await officer.GetPageAsync("/quan-tri");
        var notice = home.QuerySelector(".assigned-work")!;
        Assert.Equal(Work, notice.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("việc quá hạn", notice.TextContent);
        Assert.Null((await secretary.GetPageAsync("/quan-tri")).QuerySelector(".assigned-work"));
    }

    private Task<AnswerAssignmentStatus> StatusAsync(int id) =>
        app.WithDbAsync(db => db.AnswerAssignments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
}
