using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Dialogues;

[Collection(BrowserCollection.Name)]
public sealed class DialogueBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_citizen_on_a_phone_finds_a_dialogue_and_sends_a_question_anonymously()
    {
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync("/doi-thoai");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        await page.Locator("main a[href^='/doi-thoai/']").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("Ngân Sơn") }).First.ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Nội dung câu hỏi").FillAsync("Xin hỏi thời gian cấp căn cước cho người cao tuổi tại xã là bao lâu?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_leader_on_a_phone_records_a_reception_day_and_reads_which_units_are_behind()
    {
        var page = await NewPageAsync(360, 740);
        await new SignInPage(page).SignInAsync("lanhdao");
        await page.GotoAsync("/quan-tri/tiep-cong-dan");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.GetByLabel("Đơn vị", new() { Exact = true }).First.SelectOptionAsync(new SelectOptionValue { Label = "Công an thị trấn Vân Tùng" });
        await page.GetByLabel("Ngày tiếp", new() { Exact = true }).FillAsync("2024-02-08");
        await page.GetByLabel("Số lượt công dân được tiếp").FillAsync("6");
        await page.GetByLabel("Lãnh đạo tiếp công dân").FillAsync("Trưởng Công an thị trấn Vân Tùng");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ghi vào sổ" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Đã ghi ngày tiếp công dân." })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/quan-tri/doi-thoai/tuan-thu?nam=2024&thang=2");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tiếp công dân", Exact = true })).ToBeVisibleAsync();
        var vanTung = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Công an thị trấn Vân Tùng" }) })
            .Filter(new() { HasText = "tuần" });
        // February 2024 has four weeks; Tết (9–15 February) falls in two. The first was held (8 February), the second is
        // not counted against the commune, and the last two were missed.
        await Expect(vanTung).ToContainTextAsync("2 trên 3 tuần");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();

        await page.GotoAsync("/quan-tri/doi-thoai/cam-ket");
        await page.AssertAccessibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.Context.CloseAsync();
    }
}
