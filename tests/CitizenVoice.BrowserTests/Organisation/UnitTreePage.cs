using CitizenVoice.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CitizenVoice.BrowserTests.Organisation;

/// <summary>The unit tree's page object: adding a unit under another, by the labels an administrator reads.</summary>
public sealed class UnitTreePage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/quan-tri/don-vi");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cây đơn vị", Level = 1 })).ToBeVisibleAsync();
    }

    public async Task AddUnitUnderAsync(string parentName, string code, string name, string areaType)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"Thêm đơn vị trực thuộc {parentName}", Exact = true }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Mã đơn vị", new() { Exact = true }).FillAsync(code);
        await page.GetByLabel("Tên đơn vị", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Loại đơn vị hành chính").FillAsync(areaType);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.WaitForURLAsync("**/quan-tri/don-vi");
    }

    public ILocator Branch(string unitName) =>
        page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByText(unitName, new() { Exact = true }) }).Last;
}
