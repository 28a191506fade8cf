using System.Net;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Dialogues;

[Collection(AppCollection.Name)]
public sealed class RegistrationTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task A_villager_registers_the_secretary_checks_them_in_by_name_without_diacritics_and_the_attendance_counts_them()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Announced);
        using var citizen = app.CreateStaffClient();
        using var registered = await citizen.SubmitFormAsync($"/doi-thoai/{sessionId}",
            [new("Attendee.Name", "Nông Thị Hằng"), new("Attendee.VillageOrOrganisation", "Thôn Nà Lẹng"), new("Attendee.Group", "Village")],
            formAction: "handler=Register");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var confirmation = await citizen.GetPageAsync($"/doi-thoai/{sessionId}");
        var code = confirmation.QuerySelector(".registration-code")!.TextContent;
        Assert.Equal(8, code.Length);
        Assert.StartsWith("data:image/png;base64,", confirmation.QuerySelector(".registration-done img")!.GetAttribute("src"));

        using var secretary = app.CreateStaffClient();
        await secretary.SignInAsync("thuky");
        var byName = await secretary.GetPageAsync($"/quan-tri/doi-thoai/{sessionId}/diem-danh?q=nong%20thi%20hang");
        Assert.Single(byName.QuerySelectorAll("tr[data-registration]"));
        var byCode = await secretary.GetPageAsync($"/quan-tri/doi-thoai/{sessionId}/diem-danh?q={code}");
        var id = byCode.QuerySelector("tr[data-registration]")!.GetAttribute("data-registration")!;

        using (var checkedIn = await secretary.SubmitFormAsync($"/quan-tri/doi-thoai/{sessionId}/diem-danh", [new("registrationId", id)], formAction: "handler=CheckIn"))
        {
            Assert.Equal(HttpStatusCode.Redirect, checkedIn.StatusCode);
        }

        using (var applied = await secretary.SubmitFormAsync($"/quan-tri/doi-thoai/{sessionId}/diem-danh", [], formAction: "handler=Apply"))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        var session = await app.WithDbAsync(db => db.DialogueSessions.AsNoTracking().SingleAsync(s => s.Id == sessionId));
        Assert.Equal(1, session.DelegatesVillages);
        Assert.Equal(0, session.DelegatesCitizens);
        var audit = await app.WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == "Registration").ToListAsync());
        Assert.DoesNotContain(audit, a => (a.Before + a.After).Contains("Nông Thị Hằng", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_online_session_takes_no_registrations()
    {
        var sessionId = await app.WithDbAsync(async db =>
        {
            var id = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Announced);
            return id;
        });
        await app.WithDbAsync(db => db.DialogueSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Format, DialogueFormat.Online)));
        using var citizen = app.CreateStaffClient();
        var page = await citizen.GetPageAsync($"/doi-thoai/{sessionId}");
        Assert.Null(page.QuerySelector("form[action*='handler=Register']"));
    }
}
