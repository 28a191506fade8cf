using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Feedback;

[Collection(BrowserCollection.Name)]
public sealed class FeedbackBrowserTests(BrowserApp app) : BrowserTest(app)
{
    /// <summary>A real 2×2 PNG, as a phone's camera roll would give one (smaller): the app recognises it by its first bytes.</summary>
    private static readonly byte[] Photo = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_citizen_on_a_phone_sends_a_report_with_a_photo_and_follows_it_with_the_code_and_the_secret()
    {
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync("/phan-anh-kien-nghi");
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Phản ánh", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Lĩnh vực").SelectOptionAsync("CU-TRU");
        await page.GetByLabel("Đơn vị (nếu biết)").SelectOptionAsync("BK-NS");
        await page.GetByLabel("Tiêu đề").FillAsync("Biển báo trước trụ sở công an xã bị che khuất");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Nội dung", Exact = true }).FillAsync("Biển báo giao thông trước trụ sở bị cây che khuất, người đi đường khó nhìn thấy. Ảnh chụp kèm theo.");
        await page.GetByLabel("Ảnh, tài liệu kèm theo").SetInputFilesAsync(new FilePayload { Name = "bien-bao.png", MimeType = "image/png", Buffer = Photo });
        await page.GetByLabel("Họ và tên").FillAsync("Hoàng Văn Thái");
        await page.GetByLabel("Điện thoại").FillAsync("0912 345 678");
        await page.GetByLabel("Tôi đồng ý để cơ quan lưu họ tên và liên hệ trên để trả lời tôi.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Đã gửi góp ý, phản ánh, kiến nghị" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        var code = (await page.Locator("[data-tracking-code]").TextContentAsync())!.Trim();
        var secret = (await page.Locator("[data-secret]").TextContentAsync())!.Trim();
        Assert.Matches("^PA-[0-9]{4}-[2-9A-Z]{6}$", code);

        await page.GetByRole(AriaRole.Link, new() { Name = "Theo dõi trạng thái" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = code })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("Đã tiếp nhận, chờ xử lý");
        await Expect(page.GetByText("Hoàng Văn Thái")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();

        await page.GetByLabel("Mã bí mật (để xem nội dung và câu trả lời)").FillAsync(secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        var personal = page.Locator("dl[data-personal-data]");
        await Expect(personal).ToContainTextAsync("Hoàng Văn Thái");
        await Expect(personal).ToContainTextAsync("bien-bao.png");
        await page.AssertAccessibleAsync();
    }
}
