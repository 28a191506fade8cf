using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Organisation;

[Collection(BrowserCollection.Name)]
public sealed class UnitPickerBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Theory]
    [InlineData(360, 740)]
    [InlineData(1280, 900)]
    public async Task A_citizen_finds_a_commune_in_the_survey_unit_picker_by_typing_its_name_without_diacritics(int width, int height)
    {
        var page = await NewPageAsync(width, height);
        await page.GotoAsync("/khao-sat");
        var unit = page.GetByLabel("Đơn vị đã giải quyết hồ sơ của Ông/Bà");
        // Grouped by district: the communes of Ngân Sơn sit under its name.
        await Expect(unit.Locator("optgroup[label='Công an huyện Ngân Sơn'] option", new() { HasText = "Vân Tùng" })).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm đơn vị" }).FillAsync("van tung");

        await Expect(unit.Locator("option:checked")).ToHaveTextAsync("Công an thị trấn Vân Tùng");
        // Only the match (and the empty choice) remain, so the list is no longer 122 names long.
        Assert.True(await unit.Locator("option").CountAsync() <= 2);
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_common_prefix_Cong_an_does_not_match_every_unit_and_a_district_name_finds_its_communes()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/ket-qua-khao-sat");
        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm đơn vị" });
        var unit = page.GetByLabel("Đơn vị (gồm các đơn vị trực thuộc)");
        var all = await unit.Locator("option").CountAsync();

        await search.FillAsync("cong an ngan son");
        var found = await unit.Locator("option").CountAsync();
        Assert.InRange(found, 2, all - 1);
        await Expect(unit.Locator("optgroup")).ToHaveCountAsync(1);
        await Expect(unit.Locator("option:checked")).ToHaveTextAsync("Công an huyện Ngân Sơn");

        await search.PressAsync("Escape");
        await Expect(unit.Locator("option")).ToHaveCountAsync(all);
        await page.AssertAccessibleAsync();
    }
}
