using System.Text;
using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Organisation;

/// <summary>An app of its own: applying a file changes the demo tree the other browser tests read.</summary>
public sealed class ReorganisationBrowserApp : BrowserApp;

public sealed class ReorganisationBrowserTests(ReorganisationBrowserApp app) : BrowserTest(app), IClassFixture<ReorganisationBrowserApp>
{
    [Theory]
    [InlineData(360, 740, "BK-NR-GOP1")]
    [InlineData(1280, 900, "BK-NR-GOP2")]
    public async Task An_administrator_uploads_a_file_reads_its_preview_and_applies_it(int width, int height, string newCode)
    {
        var page = await NewPageAsync(width, height);
        await new SignInPage(page).SignInAsync("admin");
        await page.GotoAsync("/quan-tri/to-chuc-lai");
        await page.AssertAccessibleAsync();

        var file = "NgayHieuLuc,HanhDong,MaCu,MaMoi,TenMoi,LoaiDiaBan,Cap,MaCapTren,MaGSO,TaiKhoan\r\n"
            + $"2025-07-01,Tạo mới,,{newCode},Công an xã Hợp Nhất {width},xã,xã,BK-NR,,\r\n"
            + $"2025-07-01,Đổi tên,{newCode},,Công an xã Hợp Nhất Mới {width},,,,,\r\n";
        await page.GetByLabel("Tệp CSV hoặc XLSX").SetInputFilesAsync(new FilePayload
        {
            Name = $"to-chuc-lai-{width}.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(file),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và kiểm tra" }).ClickAsync();
        await page.WaitForURLAsync("**/quan-tri/to-chuc-lai/*");
        await Expect(page.Locator("#tom-tat")).ToContainTextAsync("Tạo mới: 1 đơn vị");
        await Expect(page.Locator("#thay-doi tbody tr")).ToHaveCountAsync(2);
        await page.AssertAccessibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng" }).ClickAsync();
        await Expect(page.Locator("#da-ap-dung")).ToContainTextAsync("Tạo mới 1, đổi tên 1");
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/quan-tri/to-chuc-lai");
        await Expect(page.Locator("#lich-su")).ToContainTextAsync($"to-chuc-lai-{width}.csv");
        await page.AssertAccessibleAsync();
    }
}
