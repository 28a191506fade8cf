using CitizenVoice.BrowserTests.Infrastructure;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Dialogues;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Dialogues;

[Collection(BrowserCollection.Name)]
public sealed class LiveRoomBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_question_a_citizen_sends_appears_in_a_viewers_live_room_once_approved_and_its_answer_follows_without_reload()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(App, "BK-NS", DialogueStatus.Live, "Đối thoại trực tiếp thử phòng trực tuyến");
        var question = $"Xin hỏi làm căn cước cho con dưới 6 tuổi ở đâu? ({Guid.NewGuid().ToString("N")[..6]})";
        const string answer = "Cha mẹ đưa con đến Công an xã nơi cư trú hoặc đăng ký trên ứng dụng định danh điện tử.";

        // Three people, three browsers: the secretary at the console, a viewer of the live room, a citizen on a phone.
        var moderatorPage = await NewPageAsync();
        await new SignInPage(moderatorPage).SignInAsync("thuky");
        var console = new ModerationConsolePage(moderatorPage);
        await console.OpenAsync(sessionId);
        await moderatorPage.AssertAccessibleAsync();

        var viewerPage = await NewPageAsync();
        var viewer = new LiveRoomViewerPage(viewerPage);
        await viewer.OpenAsync(sessionId);
        await viewerPage.AssertAccessibleAsync();

        var citizenPage = await NewPageAsync(360, 740);
        var citizen = new SessionPage(citizenPage);
        await citizen.OpenAsync(sessionId);
        await citizenPage.AssertAccessibleAsync();
        await citizenPage.AssertNoHorizontalScrollAsync();
        await citizen.SendQuestionAsync(question);
        await citizenPage.AssertAccessibleAsync();

        // The console hears of it at once; the live room shows nothing until the secretary approves.
        await Expect(console.NewQuestionsNotice).ToBeVisibleAsync();
        await Expect(viewer.Queue).Not.ToContainTextAsync(question);

        await console.ApproveAsync(question);
        await Expect(viewer.Queue.GetByRole(AriaRole.Listitem).Filter(new() { HasText = question })).ToBeVisibleAsync();

        await console.PutOnScreenAsync(question);
        await Expect(viewer.OnScreen).ToContainTextAsync(question);

        await console.AnswerAsync(question, answer, "Trưởng Công an huyện Ngân Sơn");
        await moderatorPage.AssertAccessibleAsync();
        await Expect(viewer.OnScreen).ToContainTextAsync(answer);
        await Expect(viewer.Queue.GetByRole(AriaRole.Listitem).Filter(new() { HasText = question })).ToContainTextAsync(answer);

        Assert.True(await viewer.WasNeverReloadedAsync(), "The live room reloaded; updates must arrive on the open page.");
        await viewerPage.AssertAccessibleAsync();
        await viewerPage.Context.CloseAsync();
        await citizenPage.Context.CloseAsync();
        await moderatorPage.Context.CloseAsync();
    }
}
