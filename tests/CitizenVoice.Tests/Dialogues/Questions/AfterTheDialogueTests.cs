using System.Globalization;
using System.Net;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Dialogues;

/// <summary>What a citizen finds again after taking part: their registration, the questions they supported, the minutes.</summary>
[Collection(AppCollection.Name)]
public sealed class AfterTheDialogueTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task A_registration_is_found_again_by_the_link_on_its_confirmation_which_never_shows_the_attendees_name()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Announced);
        using var citizen = app.CreateStaffClient();
        using (var registered = await citizen.SubmitFormAsync($"/doi-thoai/{sessionId}",
            [new("Attendee.Name", "Hoàng Thị Tìmlại"), new("Attendee.Group", "Citizen"), new("Attendee.Phone", "")], formAction: "handler=Register"))
        {
            Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        }

        var code = await app.WithDbAsync(db => db.Registrations.Where(r => r.SessionId == sessionId).Select(r => r.Code).SingleAsync());
        var confirmation = await citizen.GetPageAsync($"/doi-thoai/{sessionId}");
        var link = confirmation.QuerySelector(".registration-done a.registration-link")!.GetAttribute("href");
        Assert.Equal($"/doi-thoai/{sessionId}/dang-ky/{code}", link);
        // The code is what the page keeps in the browser (registration.js); the name never reaches the page's data.
        Assert.Equal(code, confirmation.QuerySelector("[data-registration-code]")!.GetAttribute("data-registration-code"));

        // Later, in another browser, with the confirmation long closed.
        using var later = app.CreateStaffClient();
        var card = await later.GetPageAsync(link!);
        Assert.Equal(code, card.QuerySelector(".registration-code")!.TextContent);
        Assert.StartsWith("data:image/png;base64,", card.QuerySelector(".registration-card img")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.DoesNotContain("Tìmlại", card.DocumentElement.OuterHtml, StringComparison.Ordinal);
        await later.GetPageAsync($"/doi-thoai/{sessionId}/dang-ky/{code.ToLowerInvariant()}");
        await later.GetPageAsync($"/doi-thoai/{sessionId}/dang-ky/ZZZZZZZZ", HttpStatusCode.NotFound);
        var other = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Announced);
        await later.GetPageAsync($"/doi-thoai/{other}/dang-ky/{code}", HttpStatusCode.NotFound);

        // The session page has the place where the browser shows the remembered registration.
        var page = await later.GetPageAsync($"/doi-thoai/{sessionId}");
        Assert.Equal(sessionId.ToString(CultureInfo.InvariantCulture), page.QuerySelector("[data-my-registration]")!.GetAttribute("data-session"));
    }

    [Fact]
    public async Task A_question_this_browser_supported_reads_Da_ung_ho_after_reloading_while_other_questions_and_browsers_still_offer_support()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS");
        var supported = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị mở thêm quầy tiếp nhận hồ sơ buổi sáng.", OpinionStatus.Approved);
        var other = await DialogueTestData.AddOpinionAsync(app, sessionId, "Đề nghị niêm yết lệ phí tại trụ sở Công an xã.", OpinionStatus.Approved);
        using var citizen = app.CreateStaffClient();
        Assert.NotNull((await citizen.GetPageAsync($"/doi-thoai/{sessionId}")).QuerySelector($"#y-kien-{supported} form button"));
        using (var support = await citizen.SubmitFormAsync($"/doi-thoai/{sessionId}", [new("opinionId", supported.ToString(CultureInfo.InvariantCulture))], formAction: "handler=Support"))
        {
            Assert.Equal(HttpStatusCode.Redirect, support.StatusCode);
        }

        var page = await citizen.GetPageAsync($"/doi-thoai/{sessionId}");
        Assert.Contains("Đã ủng hộ", page.QuerySelector($"#y-kien-{supported} .supported")!.TextContent);
        Assert.Null(page.QuerySelector($"#y-kien-{supported} form"));
        Assert.Contains("Ủng hộ câu hỏi này", page.QuerySelector($"#y-kien-{other} form button")!.TextContent);
        Assert.Null(page.QuerySelector($"#y-kien-{other} .supported"));

        using var neighbour = app.CreateStaffClient();
        var theirs = await neighbour.GetPageAsync($"/doi-thoai/{sessionId}");
        Assert.Null(theirs.QuerySelector($"#y-kien-{supported} .supported"));
        Assert.NotNull(theirs.QuerySelector($"#y-kien-{supported} form button"));
    }

    [Fact]
    public async Task Published_minutes_are_read_from_the_public_page_without_any_citizens_name_or_contact()
    {
        var sessionId = await DialogueTestData.CreateSessionAsync(app, "BK-NS", DialogueStatus.Closed, title: "Hội nghị đối thoại công bố biên bản");
        var protector = app.Services.GetService(typeof(ContactProtector)) as ContactProtector;
        await app.WithDbAsync(async db =>
        {
            db.Opinions.Add(new Opinion
            {
                SessionId = sessionId, Channel = OpinionChannel.AdvanceOnline, Text = "Đề nghị sửa đường vào trụ sở Công an xã.",
                AuthorName = "Lò Văn Bímật", ProtectedContact = protector!.Protect("0912345678"), ContactConsentAt = DateTime.UtcNow,
                Status = OpinionStatus.Answered, Answer = "Công an huyện đã đề nghị xã sửa đường trong quý này.", AnswerTiming = AnswerTiming.OnTheSpot,
                ReceivedAt = DateTime.UtcNow,
            });
            db.Registrations.Add(new Registration
            {
                SessionId = sessionId, AttendeeName = "Ma Thị Đăngký", Code = Registration.NewCode(), RegisteredAt = DateTime.UtcNow,
                Group = DelegateGroup.Citizen, CheckedInAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        using var citizen = app.CreateStaffClient();
        Assert.Null((await citizen.GetPageAsync($"/doi-thoai/{sessionId}")).QuerySelector(".minutes-link"));
        using (var early = await citizen.Http.GetAsync($"/doi-thoai/{sessionId}/bien-ban.pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, early.StatusCode);
        }

        await app.WithDbAsync(db => db.DialogueSessions.Where(s => s.Id == sessionId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DialogueStatus.MinutesPublished)));
        var link = (await citizen.GetPageAsync($"/doi-thoai/{sessionId}")).QuerySelector(".minutes-link")!.GetAttribute("href");
        using var response = await citizen.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(' ', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        Assert.Contains("Hội nghị đối thoại công bố biên bản", text);
        Assert.Contains("Đề nghị sửa đường vào trụ sở Công an xã.", text);
        Assert.Contains("Công an huyện đã đề nghị xã sửa đường trong quý này.", text);
        Assert.DoesNotContain("Bímật", text);
        Assert.DoesNotContain("Đăngký", text);
        Assert.DoesNotContain("0912345678", text);
    }
}
