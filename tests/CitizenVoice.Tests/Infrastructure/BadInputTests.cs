using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CitizenVoice.Tests.Dialogues;
using CitizenVoice.Tests.Surveys;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>
/// Whatever is sent, the answer is never a server error: API callers get problem details with a Vietnamese message and
/// the right 4xx, people get the friendly error page or the form again. An app of its own, since the naughty strings
/// end up as survey responses and questions.
/// </summary>
public sealed partial class BadInputTests(BadInputTests.App app) : IClassFixture<BadInputTests.App>
{
    /// <summary>
    /// Minimal APIs throw on a body they cannot bind, as under <c>dotnet run</c> (Development), instead of answering 400
    /// themselves: the error pipeline has to turn that exception into the 400 it stands for.
    /// </summary>
    public sealed class App : CitizenVoiceApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true));
        }
    }

    /// <summary>The Big List of Naughty Strings (MIT licence, vendored with its licence in NaughtyStrings/).</summary>
    private static readonly string[] NaughtyStrings = JsonSerializer.Deserialize<string[]>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "NaughtyStrings", "blns.json")))!;

    [GeneratedRegex("[À-ỹđĐ]")]
    private static partial Regex VietnameseLetter();

    [Fact]
    public async Task Every_naughty_string_in_every_field_of_a_survey_response_gets_a_4xx_problem_or_is_recorded()
    {
        using var client = app.CreateClient();
        var questionnaire = await SurveyData.CurrentAsync(client);
        var answers = SurveyData.AllAnswers(questionnaire, 4);
        var first = answers[0].questionId;
        foreach (var s in NaughtyStrings)
        {
            // As text: every string field at once. Where a number or an id belongs: each in turn.
            await AssertNoServerErrorAsync(client, new { unitCode = s, fieldCode = s, channel = "online", receiptCode = s, comment = s, procedureCode = s, answers });
            await AssertNoServerErrorAsync(client, new { unitCode = "BK-CM", fieldCode = "DKX", channel = "online", receiptCode = s, comment = s, answers });
            await AssertNoServerErrorAsync(client, new { unitCode = "BK-CM", fieldCode = "DKX", channel = s, answers });
            await AssertNoServerErrorAsync(client, new { unitCode = "BK-CM", fieldCode = "DKX", channel = "kiosk", answers = new object[] { new { questionId = s, value = 4 } } });
            await AssertNoServerErrorAsync(client, new { unitCode = "BK-CM", fieldCode = "DKX", channel = "kiosk", answers = new object[] { new { questionId = first, value = s, text = s } } });
            await AssertNoServerErrorAsync(client, new { unitCode = "BK-CM", fieldCode = "DKX", channel = "kiosk", questionnaireId = s, clientId = s, replaces = s, answers });
        }
    }

    [Fact]
    public async Task Naughty_strings_in_a_citizens_question_through_the_API_get_a_4xx_problem_or_are_received()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app);
        using var client = app.CreateClient();
        foreach (var s in NaughtyStrings)
        {
            var text = (s + " — câu hỏi thử nghiệm về thủ tục cấp căn cước.").PadRight(20, '.');
            await AssertNoServerErrorAsync(client, new { text, fieldCode = s, authorName = s, phone = s, contactConsent = true }, $"/api/v1/dialogues/{sessionId}/questions");
            await AssertNoServerErrorAsync(client, new { text = s, contactConsent = s }, $"/api/v1/dialogues/{sessionId}/questions");
            var escaped = Uri.EscapeDataString(s);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/dialogues/questions/{(escaped.Length == 0 ? "%20" : escaped)}");
            // A header value must be text HTTP can carry; what cannot be sent is not a test of the app.
            request.Headers.TryAddWithoutValidation("X-Question-Secret", s.Any(c => c > 127 || char.IsControl(c)) ? escaped : s);
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode >= 400)
            {
                await AssertVietnameseProblemAsync(response, request.RequestUri!.ToString());
            }
        }
    }

    [Fact]
    public async Task Naughty_strings_in_feedback_and_in_the_calendar_and_directory_queries_get_a_4xx_problem_or_an_answer()
    {
        using var client = app.CreateClient();
        foreach (var s in NaughtyStrings)
        {
            var content = (s + " — nội dung phản ánh thử nghiệm.").PadRight(20, '.');
            await AssertNoServerErrorAsync(client, new { kind = s, fieldCode = s, unitCode = s, subject = s, content = s, name = s, email = s, phone = s, consent = true }, "/api/v1/feedback");
            await AssertNoServerErrorAsync(client, new { kind = "gop-y", fieldCode = "DKX", subject = s.Length == 0 ? "Tiêu đề" : s, content, name = s, consent = true }, "/api/v1/feedback");
            await AssertNoServerErrorAsync(client, new { kind = "phan-anh", fieldCode = "DKX", subject = "Tiêu đề", content, consent = s }, "/api/v1/feedback");

            var escaped = Uri.EscapeDataString(s);
            foreach (var url in new[]
            {
                $"/api/v1/feedback/{(escaped.Length == 0 ? "%20" : escaped)}", $"/api/v1/contacts?q={escaped}&field={escaped}",
                $"/api/v1/holidays?year={escaped}", $"/api/v1/working-days?from={escaped}&days={escaped}",
                $"/api/v1/units/{(escaped.Length == 0 ? "%20" : escaped)}/fields",
            })
            {
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                if ((int)response.StatusCode >= 400)
                {
                    await AssertVietnameseProblemAsync(response, url);
                }
            }
        }
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "application/json", "{\"unitCode\": \"BK-CM\", \"answers\": [" },
        { "application/json", "" },
        { "application/json", "null" },
        { "application/json", "[]" },
        { "application/json", "\"BK-CM\"" },
        { "application/json", "42" },
        { "application/json", "{\"answers\": {}}" },
        { "application/json", "{\"answers\": \"4\"}" },
        { "application/json", "{\"answers\": [{\"questionId\": 1e400, \"value\": 4}]}" },
        { "application/json", "{\"answers\": [{\"questionId\": 99999999999999999999999, \"value\": 4}]}" },
        { "application/json", "{\"answers\": [{\"questionId\": 1, \"value\": 4.5}]}" },
        { "application/json", "{\"answers\": [{\"questionId\": \"mot\", \"value\": \"năm\"}]}" },
        { "application/json", "{\"questionnaireId\": {\"id\": 1}}" },
        { "application/json", "{\"clientId\": \"not-a-guid\"}" },
        { "application/json", "{\"unitCode\": 12, \"comment\": true}" },
        { "application/json", "{\"unitCode\": \"BK-CM\"" },
        { "application/json", "{'unitCode': 'BK-CM'}" },
        { "application/json", "\uFEFF\uFEFF{}" },
        { "application/json", new string('[', 10_000) + new string(']', 10_000) },
        { "application/json", "{\"text\": \"\\ud800\"}" },
        { "text/plain", "{\"unitCode\": \"BK-CM\"}" },
        { "application/x-www-form-urlencoded", "unitCode=BK-CM&channel=online" },
        { "application/xml", "<response><unitCode>BK-CM</unitCode></response>" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_body_to_a_public_API_gets_a_4xx_problem_in_Vietnamese(string contentType, string body)
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app);
        using var client = app.CreateClient();
        foreach (var url in new[] { "/api/v1/survey-responses", $"/api/v1/dialogues/{sessionId}/questions", "/api/v1/feedback" })
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var response = await client.PostAsync(url, content);
            await AssertVietnameseProblemAsync(response, url);
        }
    }

    [Fact]
    public async Task A_string_where_a_number_belongs_is_a_400_problem_naming_what_is_wrong_in_Vietnamese()
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/survey-responses",
            new { unitCode = "BK-CM", fieldCode = "DKX", channel = "online", answers = new[] { new { questionId = 1, value = "năm" } } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await AssertVietnameseProblemAsync(response, "/api/v1/survey-responses");
        Assert.Equal("Yêu cầu không hợp lệ", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task API_errors_without_a_message_of_their_own_are_problems_in_Vietnamese_whatever_the_client_accepts()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/khong-co");
        request.Headers.Accept.ParseAdd("text/html");
        using var missing = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Không tìm thấy trang", (await AssertVietnameseProblemAsync(missing, "/api/v1/khong-co")).GetProperty("title").GetString());

        using var wrongMethod = await client.DeleteAsync("/api/v1/survey-responses");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        await AssertVietnameseProblemAsync(wrongMethod, "DELETE /api/v1/survey-responses");
    }

    [Fact]
    public async Task Naughty_strings_in_the_public_forms_show_the_form_again_or_are_recorded_never_a_server_error()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app);
        var opinionId = await DialogueTestData.AddOpinionAsync(app, sessionId, "Câu hỏi đã đăng để thử ủng hộ.", Features.Dialogues.OpinionStatus.Approved);
        using var browser = app.CreateStaffClient();
        var surveyToken = await TokenAsync(browser, "/khao-sat/BK-CM/DKX");
        var kioskToken = await TokenAsync(browser, "/khao-sat/kiosk/BK-CM/DKX");
        var stepsToken = await TokenAsync(browser, "/khao-sat/BK-CM/DKX/tung-buoc");
        var sessionToken = await TokenAsync(browser, $"/doi-thoai/{sessionId}");
        var signInToken = await TokenAsync(browser, "/dang-nhap");
        const string article = "/tin-tuc/hieu-qua-tu-tiep-xuc-doi-thoai";
        var newsToken = await TokenAsync(browser, article);
        var trackingToken = await TokenAsync(browser, "/doi-thoai/theo-doi");
        using var api = app.CreateClient();
        using var asked = await api.PostAsJsonAsync($"/api/v1/dialogues/{sessionId}/questions",
            new { text = "Câu hỏi để thử trang theo dõi với dữ liệu xấu.", authorName = "Người Thử", phone = "0912 000 000", contactConsent = true });
        var question = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString()!;
        // A sample keeps the run short; the JSON API above takes every string.
        foreach (var s in NaughtyStrings.Where((_, i) => i % 4 == 0))
        {
            await AssertNoServerErrorAsync(browser, "/khao-sat/BK-CM/DKX", surveyToken,
                [new("Answers[1]", s), new("Texts[1]", s), new("Comment", s), new("ReceiptCode", s), new("Contact", s), new("ContactConsent", s)]);
            await AssertNoServerErrorAsync(browser, "/khao-sat/BK-CM/DKX/tung-buoc", stepsToken,
                [new("Token", s), new("Step", s), new("command", s), new("Answers[1]", s), new("Texts[1]", s), new("Website", "")]);
            await AssertNoServerErrorAsync(browser, "/khao-sat/BK-CM/DKX/tung-buoc", stepsToken,
                [new("Token", s), new("Step", "99"), new("command", "gui"), new("Texts[1]", s), new("Comment", s), new("ReceiptCode", s), new("Contact", s), new("ContactConsent", s)]);
            await AssertNoServerErrorAsync(browser, "/khao-sat/kiosk/BK-CM/DKX", kioskToken, [new("Value", s), new("ClientId", s)]);
            await AssertNoServerErrorAsync(browser, "/khao-sat/kiosk/BK-CM/DKX?handler=FollowUp", kioskToken, [new("Answers[1]", s), new("phieu", s), new("muc", s), new("ClientId", s)]);
            await AssertNoServerErrorAsync(browser, $"/doi-thoai/{sessionId}?handler=Question", sessionToken,
                [new("Input.Text", s), new("Input.FieldCode", s), new("Input.AuthorName", s), new("Input.Phone", s), new("Input.ContactConsent", s)]);
            await AssertNoServerErrorAsync(browser, $"/doi-thoai/{sessionId}?handler=Register", sessionToken,
                [new("Attendee.Name", s), new("Attendee.VillageOrOrganisation", s), new("Attendee.Group", s), new("Attendee.Phone", s), new("Attendee.PhoneConsent", s)]);
            await AssertNoServerErrorAsync(browser, $"/doi-thoai/{sessionId}?handler=Support", sessionToken, [new("opinionId", s)]);
            await AssertNoServerErrorAsync(browser, "/doi-thoai/theo-doi?handler=Open", trackingToken, [new("ma", s), new("bi-mat", s)]);
            await AssertNoServerErrorAsync(browser, "/doi-thoai/theo-doi?handler=Open", trackingToken, [new("ma", question), new("bi-mat", s)]);
            await AssertNoServerErrorAsync(browser, "/doi-thoai/theo-doi?handler=DeleteData", trackingToken, [new("ma", question), new("bi-mat", s)]);
            await AssertNoServerErrorAsync(browser, "/doi-thoai/theo-doi?handler=DeleteData", trackingToken, [new("ma", s), new("bi-mat", s), new("handler", s)]);
            using var tracking = await browser.Http.GetAsync("/doi-thoai/theo-doi?ma=" + Uri.EscapeDataString(s));
            Assert.True((int)tracking.StatusCode < 500, $"GET the question tracking page of “{s}”: {(int)tracking.StatusCode}");
            await AssertNoServerErrorAsync(browser, $"/doi-thoai/{sessionId}?handler=Support", sessionToken, [new("opinionId", opinionId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("handler", s)]);
            await AssertNoServerErrorAsync(browser, "/ngon-ngu", sessionToken, [new("culture", s), new("returnUrl", s)]);
            await AssertNoServerErrorAsync(browser, "/dang-nhap", signInToken, [new("Input.UserName", s), new("Input.Password", s), new("ReturnUrl", s)]);
            await AssertNoServerErrorAsync(browser, "/dang-nhap/ma-xac-thuc", signInToken, [new("Code", s), new("ReturnUrl", s)]);
            await AssertNoServerErrorAsync(browser, article + "?handler=Rate", newsToken, [new("stars", s)]);
            await AssertNoServerErrorAsync(browser, article + "?handler=Comment", newsToken, [new("Comment.Name", s), new("Comment.Email", s), new("Comment.Text", s)]);
            using var page = await browser.Http.GetAsync("/khao-sat/" + Uri.EscapeDataString(s) + "/DKX?code=" + Uri.EscapeDataString(s));
            Assert.True((int)page.StatusCode < 500, $"GET the survey form of “{s}”: {(int)page.StatusCode}");
            foreach (var url in new[] { "/tin-tuc/" + Uri.EscapeDataString(s), $"/tin-tuc?trang={Uri.EscapeDataString(s)}&chuyen-muc={Uri.EscapeDataString(s)}" })
            {
                using var news = await browser.Http.GetAsync(url);
                Assert.True((int)news.StatusCode < 500, $"GET {url}: {(int)news.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Naughty_strings_in_the_questions_and_answers_search_get_a_page_never_a_server_error()
    {
        await CitizenVoice.Tests.Feedback.FeedbackTestData.PublishedQuestionAsync(app);
        using var browser = app.CreateStaffClient();
        foreach (var s in NaughtyStrings.Append(new string('a', 5000)).Append("tam tru " + new string('%', 300)).Append("\0\u0000_%'"))
        {
            var escaped = Uri.EscapeDataString(s);
            foreach (var url in new[]
            {
                $"/phan-anh-kien-nghi/hoi-dap?q={escaped}", $"/phan-anh-kien-nghi/hoi-dap?q={escaped}&linh-vuc={escaped}&trang={escaped}",
                $"/phan-anh-kien-nghi/hoi-dap?q=tam+tru&trang={escaped}",
            })
            {
                using var page = await browser.Http.GetAsync(url);
                Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)page.StatusCode}");
            }

            // A NUL in a path is refused by the server before the app sees it.
            if (!s.Contains('\0', StringComparison.Ordinal))
            {
                using var item = await browser.Http.GetAsync("/phan-anh-kien-nghi/hoi-dap/" + (escaped.Length == 0 ? "%20" : escaped));
                Assert.True((int)item.StatusCode < 500, $"GET the question “{s}”: {(int)item.StatusCode}");
            }
        }

        using var nul = await browser.Http.GetAsync("/phan-anh-kien-nghi/hoi-dap?q=tam%00tru&linh-vuc=%00");
        Assert.Equal(HttpStatusCode.OK, nul.StatusCode);
    }

    [Fact]
    public async Task A_form_field_of_5_MB_gets_the_friendly_error_page_with_a_4xx()
    {
        using var browser = app.CreateStaffClient();
        var token = await TokenAsync(browser, "/khao-sat/BK-CM/DKX");
        using var response = await PostFormAsync(browser, "/khao-sat/BK-CM/DKX", token, [new("Comment", new string('a', 5 * 1024 * 1024))]);
        await AssertFriendlyPageAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_of_40_MB_gets_the_friendly_error_page_with_413()
    {
        using var browser = app.CreateStaffClient();
        var token = await TokenAsync(browser, $"/doi-thoai/{await DialogueTestData.CreateSessionAsync(app)}");
        using var form = new StringContent($"__RequestVerificationToken={Uri.EscapeDataString(token)}&culture=en&returnUrl={new string('a', 40 * 1024 * 1024)}",
            Encoding.ASCII, "application/x-www-form-urlencoded");
        using var response = await browser.Http.PostAsync("/ngon-ngu", form);
        await AssertFriendlyPageAsync(response, HttpStatusCode.RequestEntityTooLarge);

        using var api = app.CreateClient();
        using var json = new StringContent("{\"comment\": \"" + new string('a', 40 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
        using var apiResponse = await api.PostAsync("/api/v1/survey-responses", json);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, apiResponse.StatusCode);
        await AssertVietnameseProblemAsync(apiResponse, "/api/v1/survey-responses");
    }

    [Fact]
    public async Task A_28_MB_import_upload_gets_the_friendly_error_page_with_413()
    {
        using var member = app.CreateStaffClient();
        await member.SignInAsync("khaosat");
        var token = await TokenAsync(member, "/quan-tri/khao-sat/nhap-tep");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[28 * 1024 * 1024]), "Spreadsheet", "phieu.csv" },
        };
        using var response = await member.Http.PostAsync("/quan-tri/khao-sat/nhap-tep", form);
        await AssertFriendlyPageAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_reorganisation_file_that_is_not_a_spreadsheet_or_too_large_is_refused_with_a_Vietnamese_message()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var token = await TokenAsync(admin, "/quan-tri/to-chuc-lai");
        async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName, string staff = "Move")
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(staff), "DefaultStaff" },
                { new ByteArrayContent(content), "Spreadsheet", fileName },
            };
            return await admin.Http.PostAsync("/quan-tri/to-chuc-lai", form);
        }

        async Task AssertRefusedAsync(HttpResponseMessage response, string message)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Contains(message, page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        }

        using (var garbage = await UploadAsync(RandomNumberGenerator.GetBytes(4096), "to-chuc-lai.xlsx"))
        {
            await AssertRefusedAsync(garbage, "Không đọc được tệp");
        }

        using (var text = await UploadAsync(Encoding.UTF8.GetBytes("chỉ là một dòng chữ\r\n"), "to-chuc-lai.csv"))
        {
            await AssertRefusedAsync(text, "Tệp thiếu cột");
        }

        using (var wrongType = await UploadAsync([1, 2, 3], "to-chuc-lai.exe"))
        {
            await AssertRefusedAsync(wrongType, "Chỉ nhận tệp .csv hoặc .xlsx.");
        }

        using (var staff = await UploadAsync([1, 2, 3], "to-chuc-lai.csv", "Vứt bỏ"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, staff.StatusCode);
        }

        // Every naughty string as a code, a name and an action: each row refused or checked, never a failure.
        var naughty = string.Join("\r\n", NaughtyStrings.Take(200).Select(s => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")
            .Select(s => $"2025-07-01,{s},{s},{s},{s},,xã,,,"));
        using (var strings = await UploadAsync(Encoding.UTF8.GetBytes("NgayHieuLuc,HanhDong,MaCu,MaMoi,TenMoi,LoaiDiaBan,Cap,MaCapTren,MaGSO,TaiKhoan\r\n" + naughty), "chuoi.csv"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, strings.StatusCode);
        }

        // Over the page's limit: the friendly page, 413.
        using var huge = await UploadAsync(new byte[8 * 1024 * 1024], "to-chuc-lai.csv");
        await AssertFriendlyPageAsync(huge, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_return_address_that_leaves_the_site_sends_the_visitor_home_instead_of_failing()
    {
        using var browser = app.CreateStaffClient();
        var token = await TokenAsync(browser, "/dang-nhap");
        foreach (var returnUrl in new[] { "/\\evil.example", "//evil.example", "/\t/evil", "https://evil.example/" })
        {
            using var language = await PostFormAsync(browser, "/ngon-ngu", token, [new("culture", "en"), new("returnUrl", returnUrl)]);
            Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
            Assert.Equal("/", language.Headers.Location!.OriginalString);
        }

        using var kept = await PostFormAsync(browser, "/ngon-ngu", token, [new("culture", "vi"), new("returnUrl", "/doi-thoai?nam=2026")]);
        Assert.Equal("/doi-thoai?nam=2026", kept.Headers.Location!.OriginalString);

        using var signIn = await browser.SubmitFormAsync("/dang-nhap?ReturnUrl=%2F%09%2Fevil",
            [new("Input.UserName", "canbo.babe"), new("Input.Password", CitizenVoiceApp.DemoPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/quan-tri", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_consent_box_posted_with_nonsense_shows_the_survey_form_again_with_a_Vietnamese_message()
    {
        using var browser = app.CreateStaffClient();
        using var response = await browser.SubmitFormAsync("/khao-sat/BK-CM/DKX", [new("ContactConsent", "notabool")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffClient.ParseAsync(response);
        Assert.Contains("không hợp lệ", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form input[name=ContactConsent]"));
    }

    [Theory]
    [InlineData("/loi?code=5000", 404)]
    [InlineData("/loi?code=-1", 404)]
    [InlineData("/loi?code=abc", 404)]
    [InlineData("/loi?code=99999999999", 404)]
    [InlineData("/loi", 404)]
    [InlineData("/loi?code=429", 429)]
    public async Task The_error_page_visited_directly_shows_an_error_status_never_a_made_up_one(string url, int status)
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync(url);
        await AssertFriendlyPageAsync(response, (HttpStatusCode)status);
    }

    private static async Task AssertNoServerErrorAsync(HttpClient client, object body, string url = "/api/v1/survey-responses")
    {
        using var response = await client.PostAsJsonAsync(url, body);
        if (response.StatusCode is HttpStatusCode.Created)
        {
            return;
        }

        await AssertVietnameseProblemAsync(response, url + " " + JsonSerializer.Serialize(body));
    }

    private static async Task AssertNoServerErrorAsync(StaffClient browser, string url, string token, KeyValuePair<string, string>[] fields)
    {
        using var response = await PostFormAsync(browser, url, token, fields);
        var what = $"POST {url} {string.Join("&", fields.Select(f => f.Key + "=" + f.Value))}";
        Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode}");
        if ((int)response.StatusCode >= 400)
        {
            await AssertFriendlyPageAsync(response, response.StatusCode, what);
        }
    }

    private static async Task<string> TokenAsync(StaffClient browser, string url) =>
        (await browser.GetPageAsync(url)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static async Task<HttpResponseMessage> PostFormAsync(StaffClient browser, string url, string token, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields]);
        return await browser.Http.PostAsync(url, content);
    }

    private static async Task<JsonElement> AssertVietnameseProblemAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{what}: expected a 4xx, got {status}\n{body[..Math.Min(body.Length, 500)]}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{what}: {status} as {response.Content.Headers.ContentType}\n{body[..Math.Min(body.Length, 500)]}");
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        var title = problem.GetProperty("title").GetString() ?? "";
        Assert.True(VietnameseLetter().IsMatch(title), $"{what}: the title “{title}” is not Vietnamese");
        return problem;
    }

    private static async Task AssertFriendlyPageAsync(HttpResponseMessage response, HttpStatusCode status, string? what = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{what}: expected {(int)status}, got {(int)response.StatusCode}\n{body[..Math.Min(body.Length, 500)]}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body);
        var heading = page.QuerySelector("main h1")?.TextContent ?? "";
        Assert.True(VietnameseLetter().IsMatch(heading), $"{what}: {(int)status} page without a Vietnamese heading: “{heading}”");
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}
