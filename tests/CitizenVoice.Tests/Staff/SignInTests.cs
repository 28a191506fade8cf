using System.Net;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace CitizenVoice.Tests.Staff;

[Collection(AppCollection.Name)]
public sealed class SignInTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task An_administrator_signs_in_and_sees_the_staff_areas()
    {
        using var client = app.CreateStaffClient();
        await client.SignInAsync("admin");

        var home = await client.GetPageAsync("/quan-tri");
        Assert.Contains("Nguyễn Văn Hùng", home.QuerySelector("h1")!.TextContent);
        var links = home.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/quan-tri/don-vi", links);
        Assert.Contains("/quan-tri/nhat-ky", links);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_Vietnamese_message()
    {
        using var client = app.CreateStaffClient();
        using var response = await client.SubmitFormAsync("/dang-nhap", [new("Input.UserName", "thuky"), new("Input.Password", "sai-mat-khau")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffClient.ParseAsync(response);
        Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", page.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Empty_sign_in_fields_get_Vietnamese_validation_messages()
    {
        using var client = app.CreateStaffClient();
        using var response = await client.SubmitFormAsync("/dang-nhap", [new("Input.UserName", ""), new("Input.Password", "")]);
        var text = (await StaffClient.ParseAsync(response)).Body!.TextContent;
        Assert.Contains("Vui lòng nhập Tên đăng nhập.", text);
        Assert.Contains("Vui lòng nhập Mật khẩu.", text);
    }

    [Fact]
    public async Task Five_wrong_passwords_from_one_address_lock_the_account_there_even_against_the_right_one()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        await CreateAccountAsync(admin, "khoa.thu", "BK-CM");

        using var client = app.CreateStaffClient();
        for (var i = 0; i < 5; i++)
        {
            using var _ = await client.SubmitFormAsync("/dang-nhap", [new("Input.UserName", "khoa.thu"), new("Input.Password", "Wrong-Password-1")]);
        }

        using var response = await client.SubmitFormAsync("/dang-nhap", [new("Input.UserName", "khoa.thu"), new("Input.Password", CitizenVoiceApp.DemoPassword)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("tạm thời bị khóa", (await StaffClient.ParseAsync(response)).Body!.TextContent);
    }

    [Fact]
    public async Task An_authenticator_app_code_becomes_the_second_step_of_sign_in()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        await CreateAccountAsync(admin, "hai.buoc", "BK-TP");

        using var client = app.CreateStaffClient();
        await client.SignInAsync("hai.buoc");
        using var created = await client.SubmitFormAsync("/tai-khoan", [], formAction: "CreateKey");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var account = await client.GetPageAsync("/tai-khoan");
        var key = account.QuerySelector("#authenticator-key")!.TextContent;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        using var enabled = await client.SubmitFormAsync("/tai-khoan", [new("VerificationCode", totp.ComputeTotp())], formAction: "EnableTwoFactor");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        using var fresh = app.CreateStaffClient();
        using var first = await fresh.SubmitFormAsync("/dang-nhap", [new("Input.UserName", "hai.buoc"), new("Input.Password", CitizenVoiceApp.DemoPassword)]);
        Assert.StartsWith("/dang-nhap/ma-xac-thuc", first.Headers.Location!.OriginalString);
        using var wrong = await fresh.SubmitFormAsync(first.Headers.Location!.OriginalString, [new("Code", "000000")]);
        Assert.Contains("Mã xác thực không đúng", (await StaffClient.ParseAsync(wrong)).Body!.TextContent);
        using var second = await fresh.SubmitFormAsync(first.Headers.Location!.OriginalString, [new("Code", totp.ComputeTotp())]);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        await fresh.GetPageAsync("/quan-tri");
    }

    [Fact]
    public async Task Opening_the_account_page_changes_neither_the_authenticator_key_nor_the_security_stamp()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        await CreateAccountAsync(admin, "mo.trang", "BK-BB");
        using var client = app.CreateStaffClient();
        await client.SignInAsync("mo.trang");
        var before = await StampAndKeyAsync("mo.trang");

        for (var i = 0; i < 2; i++)
        {
            var page = await client.GetPageAsync("/tai-khoan");
            Assert.Null(page.QuerySelector("#authenticator-key"));
            Assert.NotNull(page.QuerySelector("form[action*='CreateKey'] button"));
        }

        Assert.Equal(before, await StampAndKeyAsync("mo.trang"));
        Assert.Null(before.Key);

        // Asking for the key creates it once and keeps the person signed in with a fresh cookie.
        using var created = await client.SubmitFormAsync("/tai-khoan", [], formAction: "CreateKey");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains(created.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cv.auth=", StringComparison.Ordinal));
        var key = (await client.GetPageAsync("/tai-khoan")).QuerySelector("#authenticator-key")!.TextContent;
        Assert.Equal(key, (await client.GetPageAsync("/tai-khoan")).QuerySelector("#authenticator-key")!.TextContent);
        Assert.Equal(key, (await StampAndKeyAsync("mo.trang")).Key);
    }

    private Task<(string? Stamp, string? Key)> StampAndKeyAsync(string userName) => app.WithDbAsync(async db =>
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
        var key = await db.UserTokens.AsNoTracking().Where(t => t.UserId == user.Id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleOrDefaultAsync();
        return (user.SecurityStamp, key);
    });

    [Fact]
    public async Task Staff_pages_send_anonymous_visitors_to_sign_in()
    {
        using var client = app.CreateStaffClient();
        using var response = await client.Http.GetAsync("/quan-tri/don-vi");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/dang-nhap", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_keep_alive_button_needs_the_pages_antiforgery_token()
    {
        using var client = app.CreateStaffClient();
        await client.SignInAsync("thuky");
        using var forged = await client.Http.PostAsync("/tai-khoan/giu-phien", null);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var page = await client.GetPageAsync("/quan-tri");
        var token = page.QuerySelector("#idle-dialog")!.GetAttribute("data-token")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tai-khoan/giu-phien");
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var kept = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, kept.StatusCode);
    }

    internal static async Task CreateAccountAsync(StaffClient admin, string userName, string unitCode, string role = "Officer")
    {
        var unitId = (await admin.GetPageAsync("/quan-tri/can-bo/them"))
            .QuerySelectorAll("#Input_UnitId option").First(o => o.TextContent.Contains($"({unitCode})", StringComparison.Ordinal)).GetAttribute("value")!;
        using var response = await admin.SubmitFormAsync("/quan-tri/can-bo/them",
        [
            new("Input.UserName", userName), new("Input.FullName", "Lý Thị Thu"), new("Input.Email", userName + "@citizenvoice.local"),
            new("Input.UnitId", unitId), new("Input.Roles", role), new("Input.Password", CitizenVoiceApp.DemoPassword),
        ]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await StaffClient.ParseAsync(response)).QuerySelector("main")?.TextContent);
    }
}
