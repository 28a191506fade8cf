using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Contacts;

[Collection(AppCollection.Name)]
public sealed class ContactDirectoryTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task Every_page_links_to_the_directory_which_lists_the_province_and_every_district_with_numbers_to_tap()
    {
        using var client = app.CreateStaffClient();
        var home = await client.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector("footer a[href='/danh-ba']"));

        var page = await client.GetPageAsync("/danh-ba");
        var groups = page.QuerySelectorAll("main section h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal("Công an tỉnh Bắc Kạn", groups[0]);
        var districts = await app.WithDbAsync(db => db.Units.Where(u => u.Level == CitizenVoice.Features.Organisation.UnitLevel.District && u.ValidTo == null && u.SuccessorId == null)
            .Select(u => u.Name).ToListAsync());
        Assert.All(districts, d => Assert.Contains(d, groups));
        var tel = page.QuerySelectorAll("main a[href^='tel:']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(tel);
        Assert.All(tel, href => Assert.Matches(@"^tel:\+?[0-9]{3,}$", href));
    }

    [Theory]
    [InlineData("ba be", "Công an huyện Ba Bể")]
    [InlineData("XUAT NHAP CANH", "Phòng Quản lý xuất nhập cảnh Công an tỉnh")]
    [InlineData("dang ky xe", "Phòng Cảnh sát giao thông Công an tỉnh")]
    public async Task Words_typed_without_diacritics_find_the_desk(string query, string unit)
    {
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync("/danh-ba?q=" + Uri.EscapeDataString(query));
        var cards = page.QuerySelectorAll("main article").Select(a => a.TextContent).ToList();
        Assert.NotEmpty(cards);
        Assert.All(cards, c => Assert.Contains(unit, c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_field_filter_keeps_that_fields_desks_and_those_for_every_field()
    {
        using var client = app.CreateClient();
        var all = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/contacts");
        var passports = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/contacts?field=XNC");
        Assert.True(passports!.Length < all!.Length);
        Assert.All(passports, c => Assert.True(c.GetProperty("fieldCode").ValueKind == JsonValueKind.Null || c.GetProperty("fieldCode").GetString() == "XNC"));
        Assert.Contains(passports, c => c.GetProperty("fieldCode").GetString() == "XNC");
    }

    [Fact]
    public async Task An_administrator_adds_a_desk_that_the_public_then_finds_and_a_bad_number_is_refused_with_a_message()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var unitId = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-NS").Select(u => u.Id).SingleAsync());
        var before = await app.WithDbAsync(db => db.ContactPoints.CountAsync());

        using var bad = await admin.SubmitFormAsync("/quan-tri/danh-ba/them",
            [new("Input.UnitId", unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Name", "Tổ hỗ trợ dịch vụ công"), new("Input.Hotline", "gọi ngay <script>")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Số điện thoại chỉ gồm chữ số", (await StaffClient.ParseAsync(bad)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.ContactPoints.CountAsync()));

        using var added = await admin.SubmitFormAsync("/quan-tri/danh-ba/them",
            [new("Input.UnitId", unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Input.Name", "Tổ hỗ trợ dịch vụ công trực tuyến"), new("Input.Hotline", "0209 3999 777")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync("/danh-ba?q=ho+tro+dich+vu+cong+truc+tuyen");
        var card = Assert.Single(page.QuerySelectorAll("main article"));
        Assert.Equal("tel:02093999777", card.QuerySelector("a[href^='tel:']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Only_administrators_edit_the_directory()
    {
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        using var response = await officer.Http.GetAsync(new Uri("/quan-tri/danh-ba/them", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
