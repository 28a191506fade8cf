using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Features.Calendar;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Feedback;

[Collection(AppCollection.Name)]
public sealed class FeedbackTests(CitizenVoiceApp app)
{
    private static object Body(string unit = "BK-NS", string? email = null, string? name = null, bool consent = false) => new
    {
        kind = "phan-anh", fieldCode = "CU-TRU", unitCode = unit, subject = "Thủ tục đăng ký thường trú",
        content = "Tôi nộp hồ sơ đăng ký thường trú đã quá hạn mà chưa có kết quả.", name, email, consent,
    };

    private static async Task<(string Code, string Secret)> SendAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/feedback", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("trackingCode").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client, string code, string? secret = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/feedback/{code}");
        if (secret is not null)
        {
            request.Headers.Add("X-Feedback-Secret", secret);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Opens the tracking page with the secret, as the citizen does, and posts one of the forms it then shows.</summary>
    private static async Task<HttpResponseMessage> PostTrackingFormAsync(StaffClient citizen, string code, string secret, string handler, params (string Name, string Value)[] fields)
    {
        using var opened = await citizen.SubmitFormAsync($"/phan-anh-kien-nghi/tra-cuu?ma={code}", [new("ma", code), new("bi-mat", secret)], "handler=Open");
        var page = await StaffClient.ParseAsync(opened);
        var form = page.QuerySelectorAll("form").FirstOrDefault(f => (f.GetAttribute("action") ?? "").Contains("handler=" + handler, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No {handler} form once the item is opened with its secret");
        var values = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var content = new FormUrlEncodedContent(values);
        return await citizen.Http.PostAsync(form.GetAttribute("action"), content);
    }

    private Task<int> IdOfAsync(string code) => app.WithDbAsync(db => db.FeedbackItems.Where(f => f.TrackingCode == code).Select(f => f.Id).SingleAsync());

    private Task<DateOnly> WorkingDaysFromTodayAsync(int days) => app.WithDbAsync(async db =>
    {
        var today = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(7));
        return await new WorkingCalendar(db).AddWorkingDaysAsync(today, days, CancellationToken.None);
    });

    [Fact]
    public async Task The_tracking_code_shows_the_status_and_only_the_secret_shows_the_content()
    {
        using var client = app.CreateClient();
        var (code, secret) = await SendAsync(client, Body());
        Assert.Matches("^PA-[0-9]{4}-[2-9A-Z]{6}$", code);

        var open = await StatusAsync(client, code);
        Assert.Equal("Received", open.GetProperty("status").GetString());
        Assert.Equal("Công an huyện Ngân Sơn", open.GetProperty("unit").GetString());
        Assert.Equal((await WorkingDaysFromTodayAsync(2)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), open.GetProperty("dueOn").GetString());
        Assert.False(open.GetProperty("secretAccepted").GetBoolean());
        Assert.Equal(JsonValueKind.Null, open.GetProperty("content").ValueKind);
        Assert.DoesNotContain("thường trú đã quá hạn", open.GetRawText(), StringComparison.Ordinal);

        var wrong = await StatusAsync(client, code, "WRONGSECRET");
        Assert.Equal(JsonValueKind.Null, wrong.GetProperty("content").ValueKind);

        var full = await StatusAsync(client, code, secret.ToLowerInvariant());
        Assert.True(full.GetProperty("secretAccepted").GetBoolean());
        Assert.Contains("thường trú đã quá hạn", full.GetProperty("content").GetString(), StringComparison.Ordinal);

        using var unknown = await client.GetAsync(new Uri("/api/v1/feedback/PA-2026-ZZZZZZ", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bad_feedback_gets_a_problem_in_vietnamese_for_each_field_and_nothing_is_stored()
    {
        using var client = app.CreateClient();
        var before = await app.WithDbAsync(db => db.FeedbackItems.CountAsync());
        using var response = await client.PostAsJsonAsync("/api/v1/feedback", new
        {
            kind = "khieu-nai", fieldCode = "KHONG-CO", unitCode = "BK-KHONG", subject = "", content = "ngắn",
            email = "not-an-email", phone = "12", consent = false,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "kind", "fieldCode", "unitCode", "subject", "content", "email", "phone", "consent" })
        {
            Assert.True(errors.TryGetProperty(field, out var messages), field);
            Assert.Matches("[àáảãạăâđèéêìíòóôơùúưỳý]", messages[0].GetString()!.ToLower(CultureInfo.GetCultureInfo("vi-VN")));
        }

        Assert.Equal(before, await app.WithDbAsync(db => db.FeedbackItems.CountAsync()));
    }

    [Fact]
    public async Task A_contact_is_kept_encrypted_and_the_citizen_sees_and_deletes_it_with_the_secret()
    {
        using var client = app.CreateClient();
        var (code, secret) = await SendAsync(client, Body(email: "nguoidan.0042@example.com", name: "Hoàng Văn Thụ", consent: true));
        var stored = await app.WithDbAsync(db => db.FeedbackItems.AsNoTracking().SingleAsync(f => f.TrackingCode == code));
        Assert.DoesNotContain("nguoidan.0042", stored.EmailProtected, StringComparison.Ordinal);
        Assert.DoesNotContain("Hoàng Văn Thụ", stored.NameProtected, StringComparison.Ordinal);

        using var citizen = app.CreateStaffClient();
        var withoutSecret = await citizen.GetPageAsync($"/phan-anh-kien-nghi/tra-cuu?ma={code}");
        Assert.Null(withoutSecret.QuerySelector("[data-personal-data]"));

        using var opened = await citizen.SubmitFormAsync($"/phan-anh-kien-nghi/tra-cuu?ma={code}", [new("ma", code), new("bi-mat", secret)], "handler=Open");
        var page = await StaffClient.ParseAsync(opened);
        Assert.Contains("nguoidan.0042@example.com", page.QuerySelector("[data-personal-data]")!.TextContent, StringComparison.Ordinal);

        using var deleted = await PostTrackingFormAsync(citizen, code, secret, "DeleteData");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var after = await app.WithDbAsync(db => db.FeedbackItems.AsNoTracking().SingleAsync(f => f.TrackingCode == code));
        Assert.Null(after.EmailProtected);
        Assert.Null(after.NameProtected);
        Assert.NotNull(after.AnonymisedAt);
        Assert.Equal(FeedbackStatus.Received, after.Status);
    }

    [Fact]
    public async Task An_officer_answers_a_leader_approves_and_a_dissatisfied_citizen_reopens_it()
    {
        using var client = app.CreateClient();
        var (code, secret) = await SendAsync(client, Body());
        var id = await IdOfAsync(code);

        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        var inbox = await officer.GetPageAsync("/quan-tri/phan-anh-kien-nghi");
        Assert.NotNull(inbox.QuerySelector($"tr[data-code='{code}']"));

        using var accepted = await officer.SubmitFormAsync($"/quan-tri/phan-anh-kien-nghi/{id}", [], "handler=Accept");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var dueOn = await app.WithDbAsync(db => db.FeedbackItems.Where(f => f.Id == id).Select(f => f.DueOn).SingleAsync());
        Assert.Equal(await WorkingDaysFromTodayAsync(15), dueOn);

        using var drafted = await officer.SubmitFormAsync($"/quan-tri/phan-anh-kien-nghi/{id}", [new("traLoi", "Hồ sơ của ông/bà đã được giải quyết ngày hôm nay.")], "handler=Answer");
        Assert.Equal("AwaitingApproval", (await StatusAsync(client, code, secret)).GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, (await StatusAsync(client, code, secret)).GetProperty("answer").ValueKind);

        // Another district's officer neither sees nor acts on it.
        using var other = app.CreateStaffClient();
        await other.SignInAsync("canbo.babe");
        using var hidden = await other.Http.GetAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        using var approved = await leader.SubmitFormAsync($"/quan-tri/phan-anh-kien-nghi/{id}", [], "handler=Approve");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var answered = await StatusAsync(client, code, secret);
        Assert.Equal("Answered", answered.GetProperty("status").GetString());
        Assert.Equal("Hồ sơ của ông/bà đã được giải quyết ngày hôm nay.", answered.GetProperty("answer").GetString());
        Assert.Contains(answered.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("action").GetString() == "Trả lời");

        using var citizen = app.CreateStaffClient();
        // A rating that is neither yes nor no changes nothing.
        using var garbled = await PostTrackingFormAsync(citizen, code, secret, "Rate", ("hailong", "có lẽ"));
        Assert.Equal(HttpStatusCode.OK, garbled.StatusCode);
        Assert.Equal(FeedbackStatus.Answered, await app.WithDbAsync(db => db.FeedbackItems.Where(f => f.Id == id).Select(f => f.Status).SingleAsync()));

        using var rated = await PostTrackingFormAsync(citizen, code, secret, "Rate", ("hailong", "false"));
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var reopened = await app.WithDbAsync(db => db.FeedbackItems.AsNoTracking().SingleAsync(f => f.Id == id));
        Assert.Equal(FeedbackStatus.InProgress, reopened.Status);
        Assert.False(reopened.Satisfied);
        Assert.Equal(await WorkingDaysFromTodayAsync(15), reopened.DueOn);
    }

    [Fact]
    public async Task Asking_the_citizen_for_more_stops_the_clock_until_they_answer()
    {
        using var client = app.CreateClient();
        var (code, secret) = await SendAsync(client, Body());
        var id = await IdOfAsync(code);
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        using var asked = await officer.SubmitFormAsync($"/quan-tri/phan-anh-kien-nghi/{id}", [new("noiDung", "Vui lòng cho biết số biên nhận hồ sơ.")], "handler=Ask");

        var waiting = await StatusAsync(client, code);
        Assert.Equal("WaitingForCitizen", waiting.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("dueOn").ValueKind);
        Assert.Equal("Vui lòng cho biết số biên nhận hồ sơ.", waiting.GetProperty("informationRequest").GetString());

        using var citizen = app.CreateStaffClient();
        using var added = await PostTrackingFormAsync(citizen, code, secret, "Add", ("boSung", "Biên nhận số 123/BN."));
        var resumed = await app.WithDbAsync(db => db.FeedbackItems.AsNoTracking().SingleAsync(f => f.Id == id));
        Assert.Equal(FeedbackStatus.InProgress, resumed.Status);
        Assert.Contains("Biên nhận số 123/BN.", resumed.Content, StringComparison.Ordinal);
        // Two working days were left to decide; the same are left now.
        Assert.Equal(await WorkingDaysFromTodayAsync(2), resumed.DueOn);
    }

    [Fact]
    public async Task A_forwarded_item_moves_to_the_competent_units_inbox_and_a_rejection_reason_reaches_the_citizen()
    {
        using var client = app.CreateClient();
        var (code, _) = await SendAsync(client, Body());
        var id = await IdOfAsync(code);
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        using var forwarded = await officer.SubmitFormAsync($"/quan-tri/phan-anh-kien-nghi/{id}", [new("donVi", "BK-BB")], "handler=Forward");
        Assert.Equal(HttpStatusCode.Redirect, forwarded.StatusCode);

        using var babe = app.CreateStaffClient();
        await babe.SignInAsync("canbo.babe");
        Assert.NotNull((await babe.GetPageAsync("/quan-tri/phan-anh-kien-nghi")).QuerySelector($"tr[data-code='{code}']"));
        using var rejected = await babe.SubmitFormAsync($"/quan-tri/phan-anh-kien-nghi/{id}", [new("lyDo", "Nội dung đã được giải quyết tại kỳ tiếp dân trước.")], "handler=Reject");
        var status = await StatusAsync(client, code);
        Assert.Equal("Rejected", status.GetProperty("status").GetString());
        Assert.Equal("Nội dung đã được giải quyết tại kỳ tiếp dân trước.", status.GetProperty("rejectionReason").GetString());
        Assert.Equal("Công an huyện Ba Bể", status.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Staff_enter_feedback_received_by_phone_with_the_day_it_came_and_the_citizen_follows_it_on_the_web()
    {
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        var yesterday = DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(7)).AddDays(-1);
        using var entered = await officer.SubmitFormAsync("/quan-tri/phan-anh-kien-nghi/nhap",
        [
            new("Channel", "Phone"), new("ReceivedOn", yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("Input.Kind", "kien-nghi"), new("Input.FieldCode", "CCCD"), new("Input.UnitCode", "BK-NS"),
            new("Input.Subject", "Cấp căn cước lưu động"), new("Input.Content", "Đề nghị tổ chức cấp căn cước lưu động cho người cao tuổi ở thôn."),
        ]);
        Assert.Equal(HttpStatusCode.OK, entered.StatusCode);
        var text = (await StaffClient.ParseAsync(entered)).QuerySelector("[role=status]")!.TextContent;
        var code = System.Text.RegularExpressions.Regex.Match(text, "PA-[0-9]{4}-[2-9A-Z]{6}").Value;
        var item = await app.WithDbAsync(db => db.FeedbackItems.AsNoTracking().SingleAsync(f => f.TrackingCode == code));
        Assert.Equal(FeedbackChannel.Phone, item.Channel);
        Assert.Equal(yesterday, item.ReceivedOn);

        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync($"/phan-anh-kien-nghi/tra-cuu?ma={code}");
        Assert.Equal("Đã tiếp nhận, chờ xử lý", page.QuerySelector("[data-status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_public_form_sends_feedback_and_shows_the_codes_once()
    {
        using var citizen = app.CreateStaffClient();
        using var sent = await citizen.SubmitFormAsync("/phan-anh-kien-nghi",
        [
            new("Input.Kind", "gop-y"), new("Input.FieldCode", "DKX"), new("Input.Subject", "Giờ làm việc thứ Bảy"),
            new("Input.Content", "Đề nghị mở thêm giờ đăng ký xe vào sáng thứ Bảy."),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var page = await citizen.GetPageAsync(sent.Headers.Location!.OriginalString);
        var code = page.QuerySelector("[data-tracking-code]")!.TextContent.Trim();
        Assert.Equal(FeedbackKind.Suggestion, await app.WithDbAsync(db => db.FeedbackItems.Where(f => f.TrackingCode == code).Select(f => f.Kind).SingleAsync()));
        // The province receives what names no unit.
        Assert.Equal("BK", await app.WithDbAsync(db => db.FeedbackItems.Where(f => f.TrackingCode == code).Select(f => f.AssignedUnit!.Code).SingleAsync()));
        Assert.Null((await citizen.GetPageAsync(sent.Headers.Location!.OriginalString)).QuerySelector("[data-secret]"));

        using var bad = await citizen.SubmitFormAsync("/phan-anh-kien-nghi", [new("Input.Kind", "gop-y"), new("Input.Consent", "notabool")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Vui lòng nhập tiêu đề.", (await StaffClient.ParseAsync(bad)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
