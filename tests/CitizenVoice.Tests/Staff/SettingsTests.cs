using System.Net;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Staff;

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
}
