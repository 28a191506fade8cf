using CitizenVoice.BrowserTests.Infrastructure;
using CitizenVoice.Tests.Organisation;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Organisation;

/// <summary>The browser app on a national tree: the ministry, 34 provinces, about 3,300 communes (see <see cref="NationalTree"/>).</summary>
public sealed class NationalTreeBrowserApp : BrowserApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await NationalTree.SeedAsync(Services);
    }
}

public sealed class NationalUnitPickerBrowserTests(NationalTreeBrowserApp app) : BrowserTest(app), IClassFixture<NationalTreeBrowserApp>
{
    [Fact]
    public async Task On_a_phone_a_citizen_finds_one_commune_among_3300_by_typing_its_name_without_diacritics()
    {
        var page = await NewPageAsync(360, 740);
        await page.GotoAsync("/ket-qua-khao-sat");
        // On a phone the filters are folded away under their summary.
        await page.GetByText("Lọc kết quả").ClickAsync();
        var unit = page.GetByLabel("Đơn vị (gồm các đơn vị trực thuộc)");
        // The page holds the units above the communes, not the 3,300 communes.
        Assert.True(await unit.Locator("option").CountAsync() < 150);

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm đơn vị" }).FillAsync("xa mau 17-042");

        await Expect(unit.Locator("option:checked")).ToHaveTextAsync("Công an Xã mẫu 17-042 — Công an Tỉnh mẫu 17");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("unit=M17-042"));
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();
    }
}
