using System.Globalization;
using CitizenVoice.BrowserTests.Infrastructure;
using CitizenVoice.Features.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Surveys;

[Collection(BrowserCollection.Name)]
public sealed class QuestionnaireBrowserTests(BrowserApp app, ITestOutputHelper output) : BrowserTest(app)
{
    [Fact]
    public async Task The_survey_team_drafts_previews_and_publishes_a_version_for_a_field_and_a_citizen_answers_it_on_a_phone()
    {
        var page = await NewPageAsync();
        await new SignInPage(page).SignInAsync("khaosat");
        await page.GotoAsync("/quan-tri/khao-sat/bang-hoi");
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo bản nháp mới từ police7 v1" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bảng hỏi police7 – phiên bản 2", Level = 1 })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Tên bảng hỏi", new() { Exact = true }).FillAsync("Phiếu 7 nội dung – bản thử trên trình duyệt");

        // A new question row comes from a submit button: no script needed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm câu hỏi" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Group, new() { Name = "Câu hỏi 12", Exact = true });
        await row.GetByLabel("Thuộc yếu tố").SelectOptionAsync("A2");
        await row.GetByLabel("Mã câu hỏi").FillAsync("A2.2");
        await row.GetByLabel("Nội dung", new() { Exact = true }).FillAsync("Ông/Bà dễ dàng tìm được nơi nộp hồ sơ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp" }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu bản nháp.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Xem trước như người dân" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Ông/Bà dễ dàng tìm được nơi nộp hồ sơ?" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Quay lại bảng hỏi" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Phát hành phiên bản này" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã phát hành phiên bản mới.");

        // The vehicle registration field answers it online.
        await page.GetByLabel("Lĩnh vực", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = await FieldNameAsync("DKX") });
        await page.GetByLabel("Kênh", new() { Exact = true }).SelectOptionAsync("Online");
        await page.GetByLabel("Bảng hỏi", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "police7 v2 – Phiếu 7 nội dung – bản thử trên trình duyệt" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng" }).ClickAsync();
        await Expect(page.Locator("#su-dung + p + ul")).ToContainTextAsync("police7 v2");
        await page.AssertAccessibleAsync();

        var phone = await NewPageAsync(360, 740);
        await phone.GotoAsync("/khao-sat/BK-NS/DKX");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Phiếu 7 nội dung – bản thử trên trình duyệt", Level = 1 })).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync();
        await phone.GetByRole(AriaRole.Group, new() { Name = "Ông/Bà dễ dàng tìm được nơi nộp hồ sơ?", Exact = true }).GetByLabel("Rất hài lòng", new() { Exact = true }).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Cảm ơn Ông/Bà đã đánh giá", Level = 1 })).ToBeVisibleAsync();

        var stored = await App.WithDbAsync(db => db.SurveyResponses.Where(r => r.QuestionnaireId == db.Questionnaires.Single(q => q.Code == "police7" && q.Version == 2).Id).ToListAsync());
        var answer = Assert.Single(Assert.Single(stored).Answers);
        Assert.Equal(5, answer.Value);
    }

    [Fact]
    public async Task The_stepped_survey_works_on_a_phone_without_JavaScript_and_asks_fewer_screens_at_a_time_than_the_single_page()
    {
        var context = await App.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 }, Locale = "vi-VN", JavaScriptEnabled = false,
        });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/khao-sat/BK-NS/CCCD");
            var single = await ScreensAsync(page);

            await page.GetByRole(AriaRole.Link, new() { Name = "Trả lời từng bước (mỗi màn hình một nhóm câu hỏi, dễ hơn trên điện thoại)" }).ClickAsync();
            var steps = new List<double>();
            for (var step = 1; step <= 6; step++)
            {
                await Expect(page.Locator("#survey-progress")).ToHaveTextAsync($"Bước {step}/6");
                steps.Add(await ScreensAsync(page));
                if (step == 6)
                {
                    break;
                }

                var questions = page.Locator("fieldset.survey-question");
                for (var i = 0; i < await questions.CountAsync(); i++)
                {
                    await questions.Nth(i).GetByLabel("Hài lòng", new() { Exact = true }).CheckAsync();
                }

                await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp tục" }).ClickAsync();
            }

            // Back one step and forward again: the answers were kept on the server.
            await page.GetByRole(AriaRole.Button, new() { Name = "Quay lại" }).ClickAsync();
            await Expect(page.Locator("#survey-progress")).ToHaveTextAsync("Bước 5/6");
            await Expect(page.Locator("fieldset.survey-question input[type=radio]:checked")).ToHaveCountAsync(5);
            await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp tục" }).ClickAsync();
            await page.GetByRole(AriaRole.Group, new() { Name = "Nhìn chung, Ông/Bà hài lòng thế nào về sự phục vụ của cơ quan Công an?" })
                .GetByLabel("Rất hài lòng", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("Góp ý để chúng tôi phục vụ tốt hơn (không bắt buộc)").FillAsync("Gửi từ điện thoại không có JavaScript.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cảm ơn Ông/Bà đã đánh giá", Level = 1 })).ToBeVisibleAsync();

            var stored = await App.WithDbAsync(db => db.SurveyResponses.SingleAsync(r => r.Comment == "Gửi từ điện thoại không có JavaScript."));
            Assert.Equal(28, stored.Answers.Count);
            Assert.Equal(SurveyChannel.Online, stored.Channel);

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Screens of 740 px at 360 px wide: single page {single:0.0}; stepped: max {steps.Max():0.0} per step, total {steps.Sum():0.0} over {steps.Count} steps ({string.Join(", ", steps.Select(s => s.ToString("0.0", CultureInfo.InvariantCulture)))})"));
            Assert.True(steps.Max() < single / 3, $"the longest step ({steps.Max():0.0} screens) should be far shorter than the single page ({single:0.0})");
        }
        finally
        {
            await context.CloseAsync();
        }

        // The same steps with JavaScript, for the accessibility check (axe runs as a script) at phone and desktop sizes.
        foreach (var (width, height) in new[] { (360, 740), (1280, 900) })
        {
            var page = await NewPageAsync(width, height);
            await page.GotoAsync("/khao-sat/BK-NS/CCCD/tung-buoc");
            await page.AssertAccessibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp tục" }).ClickAsync();
            await Expect(page.Locator("#survey-progress")).ToHaveTextAsync("Bước 2/6");
            await page.AssertAccessibleAsync();
        }
    }

    /// <summary>How many screens (viewport heights) the page is tall, read without running a script in the page.</summary>
    private static async Task<double> ScreensAsync(IPage page)
    {
        var box = await page.Locator("html").BoundingBoxAsync();
        return box!.Height / page.ViewportSize!.Height;
    }

    private Task<string> FieldNameAsync(string code) => App.WithDbAsync(db => db.Fields.Where(f => f.Code == code).Select(f => f.Name).SingleAsync());
}
