using System.Net;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Settings;

/// <summary>Its own app: these tests change the site settings every other test reads.</summary>
public sealed class SettingsTests : IClassFixture<CitizenVoiceApp>
{
    private readonly CitizenVoiceApp _app;

    public SettingsTests(CitizenVoiceApp app) => _app = app;

    [Fact]
    public async Task A_new_hotline_set_by_the_administrator_appears_on_the_home_page()
    {
        using var admin = _app.CreateStaffClient();
        await admin.SignInAsync("admin");
        using var saved = await admin.SubmitFormAsync("/quan-tri/cai-dat", [new("Input.Hotline", "069 2345 678"), new("Input.AgencyName", "Công an tỉnh Thái Nguyên")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var citizen = _app.CreateStaffClient();
        var home = await citizen.GetPageAsync("/");
        Assert.Contains("069 2345 678", home.QuerySelector(".hotline-box")!.TextContent);
        Assert.Contains("Công an tỉnh Thái Nguyên", home.QuerySelector(".brand-name")!.TextContent);
    }

    [Fact]
    public async Task An_invalid_hotline_is_refused_and_the_old_one_kept()
    {
        using var admin = _app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var before = (await admin.GetPageAsync("/quan-tri/cai-dat")).QuerySelector("#Input_Hotline")!.GetAttribute("value");
        using var refused = await admin.SubmitFormAsync("/quan-tri/cai-dat", [new("Input.Hotline", "gọi cho tôi")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Số điện thoại chỉ gồm chữ số", (await StaffClient.ParseAsync(refused)).Body!.TextContent);
        Assert.Equal(before, (await admin.GetPageAsync("/quan-tri/cai-dat")).QuerySelector("#Input_Hotline")!.GetAttribute("value"));
    }

    private static async Task<HttpResponseMessage> UploadLogoAsync(StaffClient admin, byte[] bytes, string contentType, string fileName)
    {
        var page = await admin.GetPageAsync("/quan-tri/cai-dat");
        var form = page.QuerySelector("main form[method=post]")!;
        using var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[name]").Where(i => i.GetAttribute("type") is not ("file" or "submit" or "checkbox")))
        {
            content.Add(new StringContent(input.GetAttribute("value") ?? ""), input.GetAttribute("name")!);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        content.Add(file, "Logo", fileName);
        return await admin.Http.PostAsync("/quan-tri/cai-dat", content);
    }

    [Fact]
    public async Task An_svg_logo_is_refused_even_when_the_browser_calls_it_a_png()
    {
        using var admin = _app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var svg = System.Text.Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>");

        foreach (var (type, name) in new[] { ("image/svg+xml", "logo.svg"), ("image/png", "logo.png") })
        {
            using var refused = await UploadLogoAsync(admin, svg, type, name);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("PNG, JPEG hoặc WebP", (await StaffClient.ParseAsync(refused)).Body!.TextContent, StringComparison.Ordinal);
        }

        using var citizen = _app.CreateStaffClient();
        using var logo = await citizen.Http.GetAsync("/site/logo");
        Assert.NotEqual("image/svg+xml", logo.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_png_logo_is_recognised_by_its_bytes_and_served_as_a_png()
    {
        using var admin = _app.CreateStaffClient();
        await admin.SignInAsync("admin");
        // The smallest valid PNG: one transparent pixel.
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

        using var saved = await UploadLogoAsync(admin, png, "application/octet-stream", "logo.bin");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var citizen = _app.CreateStaffClient();
        using var logo = await citizen.Http.GetAsync("/site/logo");
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/png", logo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await logo.Content.ReadAsByteArrayAsync());
    }
}
