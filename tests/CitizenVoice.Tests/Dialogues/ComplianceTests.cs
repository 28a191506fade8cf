using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Dialogues;

[Collection(AppCollection.Name)]
public sealed class ComplianceTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task A_commune_that_held_its_dialogue_this_year_is_no_longer_listed_as_behind()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        var year = DateTime.UtcNow.AddHours(7).Year;
        var before = await leader.GetPageAsync($"/quan-tri/doi-thoai/tuan-thu?nam={year}");
        Assert.NotNull(before.QuerySelector("tr[data-unit='BK-NS-VT']"));
        Assert.Null(before.QuerySelector("tr[data-unit^='BK-BB-']"));

        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS-VT", DialogueStatus.Announced);
        await app.WithDbAsync(async db =>
        {
            var session = await db.DialogueSessions.FindAsync(sessionId);
            session!.StartsAt = new DateTime(year, 6, 1, 1, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
        });

        var after = await leader.GetPageAsync($"/quan-tri/doi-thoai/tuan-thu?nam={year}");
        Assert.Null(after.QuerySelector("tr[data-unit='BK-NS-VT']"));
    }
}
