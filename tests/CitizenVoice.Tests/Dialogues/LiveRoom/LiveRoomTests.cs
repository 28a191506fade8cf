using System.Net;
using System.Text.Json;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CitizenVoice.Tests.Dialogues;

[Collection(AppCollection.Name)]
public sealed class LiveRoomTests(CitizenVoiceApp app)
{
    private HubConnection Viewer() => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, LiveRoomHub.Path), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            // Long polling: the fallback a phone on a poor connection ends up with, and what the test server carries.
            o.Transports = HttpTransportType.LongPolling;
        })
        .Build();

    [Fact]
    public async Task A_viewer_receives_the_approved_question_its_answer_and_the_current_question_without_reloading()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Live);
        const string text = "Trẻ em dưới 14 tuổi làm căn cước ở đâu, có mất phí không?";
        var id = await DialogueTestData.AddOpinionAsync(app, sessionId, text);

        var question = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var viewer = Viewer();
        viewer.On<JsonElement, int>("question", (q, _) => question.TrySetResult(q));
        viewer.On<JsonElement, int>("answer", (q, _) => answer.TrySetResult(q));
        viewer.On<JsonElement, int>("current", (q, _) => current.TrySetResult(q));
        await viewer.StartAsync();
        Assert.True(await viewer.InvokeAsync<int>("Join", sessionId) >= 1);

        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        var console = $"/quan-tri/doi-thoai/{sessionId}/dieu-phoi";
        using (var _ = await secretary.SubmitFormAsync(console, [new("opinionId", id.ToString())], formAction: "handler=Approve")) { }
        var pushed = await question.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(text, pushed.GetProperty("text").GetString());
        Assert.False(pushed.TryGetProperty("authorName", out _));

        using (var _ = await secretary.SubmitFormAsync(console, [new("opinionId", id.ToString())], formAction: "handler=SetCurrent")) { }
        Assert.Equal(id, (await current.Task.WaitAsync(TimeSpan.FromSeconds(15))).GetProperty("id").GetInt32());

        using (var _ = await secretary.SubmitFormAsync(console,
                   [new("opinionId", id.ToString()), new("answer", "Làm tại Công an cấp xã nơi cư trú; lần đầu không mất phí."), new("timing", "OnTheSpot"), new("answeredBy", ""), new("unitId", "")],
                   formAction: "handler=Answer")) { }
        var answered = await answer.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("Làm tại Công an cấp xã nơi cư trú; lần đầu không mất phí.", answered.GetProperty("answer").GetString());

        using var reader = app.CreateStaffClient();
        var page = await reader.GetPageAsync($"/doi-thoai/{sessionId}/truc-tiep");
        Assert.Contains(text, page.QuerySelector("#current")!.TextContent);
        Assert.Contains("lần đầu không mất phí", page.QuerySelector("#current")!.TextContent);
        Assert.NotNull(page.QuerySelector("noscript"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/live-room.']"));
    }

    [Fact]
    public async Task An_anonymous_connection_cannot_listen_to_a_moderators_console()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Live);
        await using var anonymous = Viewer();
        var received = false;
        anonymous.On<int>("received", _ => received = true);
        await anonymous.StartAsync();
        Assert.False(await anonymous.InvokeAsync<bool>("JoinConsole", sessionId));

        using var citizen = app.CreateClient();
        using var sent = await citizen.PostAsync($"/api/v1/dialogues/{sessionId}/questions",
            System.Net.Http.Json.JsonContent.Create(new { text = "Một câu hỏi mới trong lúc đối thoại trực tiếp." }));
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        await Task.Delay(500);
        Assert.False(received);
    }
}
