using System.Net;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Staff;

/// <summary>
/// Password guessing is slowed and stopped per address, so a stranger cannot keep a leader out. An app of its own with
/// a lower per-address limit and short delays, so a test reaches the limits quickly.
/// </summary>
public sealed class SignInThrottleTests(SignInThrottleTests.App app) : IClassFixture<SignInThrottleTests.App>
{
    public sealed class App : CitizenVoiceApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("SignIn:FailuresPerAddress", "8"),
            new("SignIn:MaxFailureDelay", "00:00:00.050"),
        ];
    }

    [Fact]
    public async Task A_stranger_failing_many_times_from_another_address_does_not_keep_the_leader_out()
    {
        using var stranger = app.CreateStaffClient("10.66.0.1");
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(stranger, "lanhdao.nganson", $"Doan-Mat-Khau-{i}!");
            Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", await TextAsync(wrong));
        }

        // Five wrong passwords lock that account for that address, even against the right password.
        using var locked = await SignInAsync(stranger, "lanhdao.nganson", CitizenVoiceApp.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("tạm thời bị khóa từ địa chỉ mạng này", await TextAsync(locked));

        for (var i = 0; i < 10; i++)
        {
            using var more = await SignInAsync(stranger, "lanhdao.nganson", $"Doan-Tiep-{i}!");
            Assert.True((int)more.StatusCode < 500, $"attempt {i}: {(int)more.StatusCode}");
        }

        using var leader = app.CreateStaffClient("10.77.0.1");
        await leader.SignInAsync("lanhdao.nganson");
        await leader.GetPageAsync("/quan-tri");
    }

    [Fact]
    public async Task Repeated_failures_from_one_address_are_refused_with_429_and_a_Vietnamese_message_whatever_the_account()
    {
        using var guesser = app.CreateStaffClient("10.66.0.2");
        string[] names = ["admin", "thuky", "khong.co.ai", "canbo.babe"];
        for (var i = 0; i < 8; i++)
        {
            using var wrong = await SignInAsync(guesser, names[i % names.Length], $"Sai-Mat-Khau-{i}!");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        // Now even a right password from this address waits: the form says so, with 429, never a server error.
        using var refused = await SignInAsync(guesser, "khaosat", CitizenVoiceApp.DemoPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var page = await StaffClient.ParseAsync(refused);
        Assert.Contains("Có quá nhiều lần đăng nhập sai từ địa chỉ mạng của bạn. Vui lòng thử lại sau 15 phút.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(page.QuerySelector("form input[name='Input.UserName']"));

        using var colleague = app.CreateStaffClient("10.66.0.3");
        await colleague.SignInAsync("khaosat");
    }

    private static Task<HttpResponseMessage> SignInAsync(StaffClient client, string userName, string password) =>
        client.SubmitFormAsync("/dang-nhap", [new("Input.UserName", userName), new("Input.Password", password)]);

    private static async Task<string> TextAsync(HttpResponseMessage response) => (await StaffClient.ParseAsync(response)).Body!.TextContent;
}
