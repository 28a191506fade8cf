using CitizenVoice.BrowserTests.Infrastructure;
using CitizenVoice.Features.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Surveys;

[Collection(BrowserCollection.Name)]
public sealed class SurveyBrowserTests(BrowserApp app)
{
    [Fact]
    public async Task A_citizen_opens_the_QR_link_on_a_phone_answers_and_sees_the_thank_you_page()
    {
        var page = await app.NewPageAsync(360, 740);
        var form = new SurveyFormPage(page);
        await form.OpenAsync("BK-NS", "CCCD");
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();

        await form.AnswerAsync("Nơi ngồi chờ tại Bộ phận tiếp nhận và trả kết quả có đủ chỗ ngồi.", "Hài lòng");
        await form.AnswerAsync("Cán bộ có thái độ giao tiếp lịch sự.", "Rất hài lòng");
        await form.AnswerAsync("Ông/Bà hài lòng thế nào về việc tiếp cận dịch vụ?", "Bình thường");
        await form.SendAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cảm ơn Ông/Bà đã đánh giá", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_kiosk_tap_is_queued_sent_with_its_client_id_and_the_kiosk_resets_for_the_next_person()
    {
        var page = await app.NewPageAsync(800, 1200);
        var kiosk = new KioskPage(page);
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-BT").Select(u => u.Id).SingleAsync());
        Task<int> CountAsync() => app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.UnitId == unitId && r.Channel == SurveyChannel.Kiosk && !r.IsDeleted));
        var before = await CountAsync();
        await kiosk.OpenAsync("BK-BT", "CU-TRU");
        await page.AssertAccessibleAsync();

        await kiosk.TapAsync("Rất hài lòng");
        await Expect(page.GetByText("Cảm ơn Ông/Bà! Đánh giá đã được ghi nhận.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        // The answer leaves the browser's queue only once the server has it.
        await page.WaitForFunctionAsync("() => (localStorage.getItem('cv-kiosk-queue') || '[]') === '[]'");
        Assert.Equal(before + 1, await CountAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Xong" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cảm ơn Ông/Bà đã đánh giá!" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rất hài lòng", Exact = true })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal("[]", await page.EvaluateAsync<string>("() => localStorage.getItem('cv-kiosk-queue')"));
        Assert.Equal(before + 1, await CountAsync());
    }
}
