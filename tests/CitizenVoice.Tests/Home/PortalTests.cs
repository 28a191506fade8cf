using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Home;

[Collection(AppCollection.Name)]
public sealed class PortalTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_home_page_is_in_Vietnamese_and_shows_the_agency_and_its_hotline()
    {
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync("/");

        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Công an tỉnh Bắc Kạn", page.QuerySelector(".brand-name")!.TextContent);
        Assert.Contains("0209 3870 336", page.QuerySelector(".hotline-box")!.TextContent);
        Assert.Contains("Đường dây nóng", page.Body!.TextContent);
    }

    [Fact]
    public async Task Choosing_English_is_remembered_on_the_next_page()
    {
        using var client = app.CreateStaffClient();
        using var switched = await client.SubmitFormAsync("/", [new("culture", "en"), new("returnUrl", "/don-vi")], formAction: "/ngon-ngu");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/don-vi", switched.Headers.Location!.OriginalString);

        var page = await client.GetPageAsync("/don-vi");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Unit directory", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Bắc Kạn Provincial Police", page.QuerySelector(".brand-name")!.TextContent);
    }

    [Fact]
    public async Task In_English_every_item_of_the_main_menu_is_in_English()
    {
        using var client = app.CreateStaffClient();
        using var switched = await client.SubmitFormAsync("/", [new("culture", "en"), new("returnUrl", "/")], formAction: "/ngon-ngu");
        var page = await client.GetPageAsync("/");
        var items = page.QuerySelectorAll("nav .nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains("Satisfaction results", items);
        Assert.DoesNotContain(items, item => item.Any(c => c is >= 'À' and <= 'ỹ' or 'đ' or 'Đ'));
    }

    [Fact]
    public async Task The_language_switch_never_redirects_to_another_site()
    {
        using var client = app.CreateStaffClient();
        using var switched = await client.SubmitFormAsync("/", [new("culture", "en"), new("returnUrl", "//evil.example/")], formAction: "/ngon-ngu");
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Every_page_carries_a_content_security_policy_without_inline_scripts()
    {
        using var client = app.CreateStaffClient();
        using var response = await client.Http.GetAsync("/");
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script>|<script [^>]*>[^<]+</script>|style=\"", html);
    }

    [Fact]
    public async Task An_unknown_address_gets_a_friendly_Vietnamese_404_page()
    {
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync("/khong-ton-tai", HttpStatusCode.NotFound);
        Assert.Contains("Không tìm thấy trang", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_public_directory_finds_a_commune_typed_without_diacritics()
    {
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync("/don-vi?q=van%20tung");
        Assert.Contains("Công an thị trấn Vân Tùng", page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Công an xã Bằng Thành", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task Health_endpoints_report_live_and_ready()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_units_and_fields_api()
    {
        using var client = app.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/units", out _));
        Assert.True(paths.TryGetProperty("/api/v1/fields", out _));
    }

    [Fact]
    public async Task The_units_api_lists_the_demo_tree_with_parent_codes()
    {
        using var client = app.CreateClient();
        var units = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/units");

        var vanTung = units!.Single(u => u.GetProperty("code").GetString() == "BK-NS-VT");
        Assert.Equal("Công an thị trấn Vân Tùng", vanTung.GetProperty("name").GetString());
        Assert.Equal("BK-NS", vanTung.GetProperty("parentCode").GetString());
        Assert.Equal("commune", vanTung.GetProperty("level").GetString());
        Assert.True(vanTung.GetProperty("active").GetBoolean());
        Assert.Equal(8, units!.Count(u => u.GetProperty("level").GetString() == "district"));
        Assert.True(units!.Count(u => u.GetProperty("level").GetString() == "commune") >= 100);
    }

    [Fact]
    public async Task The_fields_api_lists_the_six_fields_with_real_procedures()
    {
        using var client = app.CreateClient();
        var fields = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/fields");

        Assert.Equal(["XNC", "CON-DAU", "PCCC", "DKX", "CCCD", "CU-TRU"], fields!.Select(f => f.GetProperty("code").GetString()!).ToArray());
        var passports = fields![0].GetProperty("procedures").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Contains("Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)", passports);
    }
}
