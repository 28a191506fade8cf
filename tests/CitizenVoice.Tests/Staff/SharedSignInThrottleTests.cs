using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Staff;

/// <summary>
/// A guesser whose tries a proxy spreads over two copies of the app meets the limits of one: the copies count sign-in
/// failures together in Redis. (Each copy has its own database here; the counts depend only on Redis.)
/// </summary>
public sealed class SharedSignInThrottleTests
{
    private sealed class Copy(string redis) : CitizenVoiceApp
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
            [new("Redis:ConnectionString", redis), new("SignIn:MaxFailureDelay", "00:00:00.050")];
    }

    [Fact]
    public async Task Five_wrong_passwords_spread_over_two_copies_lock_the_account_for_that_address_on_both()
    {
        var redis = await TestRedis.AddressAsync();
        await using var a = new Copy(redis);
        await using var b = new Copy(redis);
        var address = CitizenVoiceApp.NewClientAddress();
        using var toA = a.CreateStaffClient(address);
        using var toB = b.CreateStaffClient(address);

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await SignInAsync(i % 2 == 0 ? toA : toB, "lanhdao.nganson", $"Doan-Mat-Khau-{i}!");
            Assert.Contains("Tên đăng nhập hoặc mật khẩu không đúng.", await TextAsync(wrong));
        }

        // Three failures reached one copy and two the other: alone, neither would have locked anything.
        using var lockedOnA = await SignInAsync(toA, "lanhdao.nganson", CitizenVoiceApp.DemoPassword);
        Assert.Contains("tạm thời bị khóa từ địa chỉ mạng này", await TextAsync(lockedOnA));
        using var lockedOnB = await SignInAsync(toB, "lanhdao.nganson", CitizenVoiceApp.DemoPassword);
        Assert.Contains("tạm thời bị khóa từ địa chỉ mạng này", await TextAsync(lockedOnB));

        // The leader, elsewhere, signs in on either copy.
        using var leader = b.CreateStaffClient(CitizenVoiceApp.NewClientAddress());
        await leader.SignInAsync("lanhdao.nganson");
    }

    private static Task<HttpResponseMessage> SignInAsync(StaffClient client, string userName, string password) =>
        client.SubmitFormAsync("/dang-nhap", [new("Input.UserName", userName), new("Input.Password", password)]);

    private static async Task<string> TextAsync(HttpResponseMessage response) => (await StaffClient.ParseAsync(response)).Body!.TextContent;
}
