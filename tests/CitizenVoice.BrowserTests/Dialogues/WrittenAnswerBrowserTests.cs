using CitizenVoice.BrowserTests.Infrastructure;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Dialogues;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Dialogues;

[Collection(BrowserCollection.Name)]
public sealed class WrittenAnswerBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_secretary_gives_a_question_to_a_district_an_officer_on_a_phone_answers_it_a_leader_approves_and_citizens_read_it()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(App, "BK-NS", DialogueStatus.OpenForQuestions, "Đối thoại thử trả lời bằng văn bản");
        const string question = "Đề nghị cho biết lịch cấp căn cước lưu động tại các xã vùng cao của huyện Ngân Sơn.";
        var opinionId = await DialogueTestData.AddOpinionAsync(App, sessionId, question, OpinionStatus.Approved);

        var secretary = await NewPageAsync(1280, 900);
        await new SignInPage(secretary).SignInAsync("thuky");
        await secretary.GotoAsync($"/quan-tri/doi-thoai/{sessionId}/dieu-phoi");
        var opinion = secretary.Locator($"#y-kien-{opinionId}");
        await opinion.GetByText("Giao đơn vị trả lời bằng văn bản").ClickAsync();
        await opinion.GetByLabel("Đơn vị trả lời").Last.SelectOptionAsync(new SelectOptionValue { Label = "Công an huyện Ngân Sơn" });
        await opinion.GetByRole(AriaRole.Button, new() { Name = "Giao trả lời" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Status).Filter(new() { HasText = "Đã giao Công an huyện Ngân Sơn trả lời" })).ToBeVisibleAsync();
        await secretary.AssertAccessibleAsync();
        await secretary.Context.CloseAsync();

        var officer = await NewPageAsync(360, 740);
        await new SignInPage(officer).SignInAsync("canbo.nganson");
        await officer.GotoAsync("/quan-tri");
        await officer.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Việc được giao: ") }).ClickAsync();
        var work = officer.Locator("article.assignment").Filter(new() { HasText = question });
        await officer.AssertAccessibleAsync();
        await officer.AssertNoHorizontalScrollAsync();
        const string answer = "Công an huyện cấp căn cước lưu động tại các xã vùng cao vào thứ Bảy thứ hai hằng tháng.";
        await work.GetByLabel("Nội dung trả lời").FillAsync(answer);
        await work.GetByRole(AriaRole.Button, new() { Name = "Gửi lãnh đạo duyệt" }).ClickAsync();
        await Expect(officer.GetByRole(AriaRole.Status).Filter(new() { HasText = "Đã gửi dự thảo trả lời để lãnh đạo duyệt." })).ToBeVisibleAsync();
        await Expect(officer.Locator("article.assignment").Filter(new() { HasText = question })).ToContainTextAsync("Chờ lãnh đạo duyệt");
        await officer.AssertAccessibleAsync();
        await officer.AssertNoHorizontalScrollAsync();
        await officer.Context.CloseAsync();

        var leader = await NewPageAsync(1280, 900);
        await new SignInPage(leader).SignInAsync("lanhdao.nganson");
        await leader.GotoAsync("/quan-tri/viec-duoc-giao");
        await leader.AssertAccessibleAsync();
        await leader.Locator("article.assignment").Filter(new() { HasText = question }).GetByRole(AriaRole.Button, new() { Name = "Duyệt và công bố" }).ClickAsync();
        await Expect(leader.GetByRole(AriaRole.Status).Filter(new() { HasText = "Đã duyệt và công bố câu trả lời." })).ToBeVisibleAsync();
        await leader.Context.CloseAsync();

        var citizen = await NewPageAsync(360, 740);
        await citizen.GotoAsync($"/doi-thoai/{sessionId}");
        var published = citizen.Locator($"#y-kien-{opinionId}");
        await Expect(published.Locator(".answer")).ToContainTextAsync(answer);
        await Expect(published.Locator(".answer")).ToContainTextAsync("Công an huyện Ngân Sơn");
        await citizen.AssertAccessibleAsync();
        await citizen.AssertNoHorizontalScrollAsync();
    }

    [Fact]
    public async Task A_citizen_on_a_phone_registers_closes_the_page_and_finds_the_registration_and_their_support_again()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(App, "BK-NS", DialogueStatus.OpenForQuestions, "Đối thoại thử tìm lại đăng ký");
        var opinionId = await DialogueTestData.AddOpinionAsync(App, sessionId, "Đề nghị kéo dài giờ tiếp dân vào chiều thứ Sáu.", OpinionStatus.Approved);
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync($"/doi-thoai/{sessionId}");
        await page.GetByLabel("Họ và tên").FillAsync("Nông Văn Thử");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng ký tham dự" }).ClickAsync();
        var code = await page.Locator(".registration-done .registration-code").TextContentAsync();
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        await page.Locator($"#y-kien-{opinionId}").GetByRole(AriaRole.Button, new() { Name = "Ủng hộ câu hỏi này" }).ClickAsync();
        // Back later: the confirmation is gone, the browser remembers the code and the support.
        await page.GotoAsync($"/doi-thoai/{sessionId}");
        var mine = page.Locator(".my-registration");
        await Expect(mine).ToBeVisibleAsync();
        await Expect(mine).ToContainTextAsync(code!);
        await Expect(page.Locator($"#y-kien-{opinionId}")).ToContainTextAsync("Đã ủng hộ");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await mine.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.Locator(".registration-card .registration-code")).ToHaveTextAsync(code!);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Nông Văn Thử");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
    }
}
