using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Staff;

[Collection(AppCollection.Name)]
public sealed class DataProtectionTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_keys_that_protect_sign_in_cookies_are_kept_in_the_database()
    {
        using var client = app.CreateStaffClient();
        await client.SignInAsync("lanhdao");

        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Contains("<key id=", xml, StringComparison.Ordinal));
    }
}
