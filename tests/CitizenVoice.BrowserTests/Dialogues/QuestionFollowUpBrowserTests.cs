using CitizenVoice.BrowserTests.Infrastructure;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Dialogues;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Dialogues;

[Collection(BrowserCollection.Name)]
public sealed class QuestionFollowUpBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_citizen_on_a_phone_sends_a_question_follows_it_by_its_code_to_the_answer_and_deletes_their_phone()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(App, "BK-NS", DialogueStatus.OpenForQuestions, "Đối thoại về cấp căn cước cho người cao tuổi");
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync($"/doi-thoai/{sessionId}");
        var form = page.GetByRole(AriaRole.Region, new() { Name = "Gửi câu hỏi" });
        await form.GetByLabel("Nội dung câu hỏi").FillAsync("Người cao tuổi đi lại khó khăn có được làm căn cước tại nhà không?");
        await form.GetByLabel("Họ tên (không bắt buộc)").FillAsync("Ma Văn Khánh");
        await form.GetByLabel("Số điện thoại (không bắt buộc)").FillAsync("0912 468 024");
        await form.GetByLabel("Tôi đồng ý để cơ quan Công an lưu số điện thoại này, chỉ để liên hệ trả lời câu hỏi").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("sau khi thư ký duyệt");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "In trang này" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var code = (await page.Locator("[data-tracking-code]").TextContentAsync())!.Trim();
        var secret = (await page.Locator("[data-secret]").TextContentAsync())!.Trim();

        await page.GetByRole(AriaRole.Link, new() { Name = "Theo dõi câu hỏi" }).ClickAsync();
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("Đã tiếp nhận, chờ thư ký duyệt");
        await page.AssertAccessibleAsync();

        // The secretary publishes and answers it.
        await App.WithDbAsync(db => db.Opinions.Where(o => o.TrackingCode == code).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, OpinionStatus.Answered).SetProperty(o => o.AnswerTiming, AnswerTiming.OnTheSpot)
            .SetProperty(o => o.Answer, "Công an xã bố trí cán bộ làm căn cước lưu động tại nhà cho người cao tuổi.")
            .SetProperty(o => o.AnsweredBy, "Trưởng Công an huyện Ngân Sơn").SetProperty(o => o.AnsweredAt, DateTime.UtcNow)));
        await page.ReloadAsync();
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("Đã trả lời");
        await Expect(page.Locator("[data-answer]")).ToContainTextAsync("căn cước lưu động tại nhà");
        await Expect(page.GetByText("Ma Văn Khánh")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Mã bí mật (để xem lại câu hỏi và thông tin cá nhân)").FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        await Expect(page.Locator("dl[data-personal-data]")).ToContainTextAsync("0912 468 024");
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Xóa họ tên và số điện thoại của tôi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Đã xóa họ tên và số điện thoại của bạn.");
        await Expect(page.GetByText("0912 468 024")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
    }
}
