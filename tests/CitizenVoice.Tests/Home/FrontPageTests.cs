using System.Globalization;
using System.Text.RegularExpressions;
using CitizenVoice.Features.Dialogues;
using CitizenVoice.Tests.Dialogues;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Home;

/// <summary>
/// The front page's first blocks: the three ways to reach the agency, the live and coming dialogues, the latest
/// satisfaction figure. An app of its own, so that the dialogues other tests create do not crowd out these.
/// </summary>
public sealed class FrontPageTests(CitizenVoiceApp app) : IClassFixture<CitizenVoiceApp>
{
    [Fact]
    public async Task The_front_page_gives_the_latest_satisfaction_figure_with_its_interval_as_the_results_page_shows_it()
    {
        using var citizen = app.CreateStaffClient();
        var home = await citizen.GetPageAsync("/");
        var link = home.QuerySelector(".home-satisfaction-figure a")!;
        var text = home.QuerySelector(".home-satisfaction-figure")!.TextContent;
        Assert.Matches(@"^\d+,\d\u00a0% hài lòng$", link.TextContent.Trim());
        Assert.Matches(@"\(khoảng tin cậy \d+,\d–\d+,\d\u00a0%\)", text);

        // The period: whole months ending with the last complete one, and the link opens the results for those days.
        var href = link.GetAttribute("href")!;
        var period = Regex.Match(href, @"^/ket-qua-khao-sat\?from=(\d{4}-\d\d-\d\d)&to=(\d{4}-\d\d-\d\d)$");
        Assert.True(period.Success, href);
        var to = DateOnly.ParseExact(period.Groups[2].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var today = CitizenVoice.Infrastructure.VietnamTime.Today(TimeProvider.System);
        Assert.Equal(new DateOnly(today.Year, today.Month, 1).AddDays(-1), to);
        Assert.Equal(1, DateOnly.ParseExact(period.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture).Day);

        var results = await citizen.GetPageAsync(href);
        var headline = results.QuerySelector(".figure-main")!;
        Assert.Equal(link.TextContent.Trim().Replace(" hài lòng", "", StringComparison.Ordinal), headline.QuerySelector(".rate-value")!.TextContent.Trim());
        var interval = Regex.Match(headline.QuerySelector(".rate-ci")!.TextContent, @"\((\d+,\d–\d+,\d); n = ([\d.]+)\)");
        Assert.Contains($"khoảng tin cậy {interval.Groups[1].Value}\u00a0%", text, StringComparison.Ordinal);
        Assert.Contains($"n = {interval.Groups[2].Value} phiếu", home.QuerySelector("#home-satisfaction")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_dialogue_comes_first_marked_live_and_the_way_to_ask_a_question_leads_to_the_next_dialogue_taking_questions()
    {
        var live = await app.WithDbAsync(db => DialogueTestData.CreateSessionAsync(db, "BK-NS", DialogueStatus.Live, "Đối thoại đang phát trực tiếp ở Ngân Sơn"));
        var open = await app.WithDbAsync(db => DialogueTestData.CreateSessionAsync(db, "BK-BB", DialogueStatus.OpenForQuestions, "Đối thoại sắp tới ở Ba Bể"));
        var soon = DateTime.UtcNow.AddMinutes(30);
        await app.WithDbAsync(db => db.DialogueSessions.Where(s => s.Id == open)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.StartsAt, soon).SetProperty(x => x.EndsAt, soon.AddHours(3))));

        using var citizen = app.CreateStaffClient();
        var home = await citizen.GetPageAsync("/");
        var items = home.QuerySelectorAll(".home-dialogue").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal($"/doi-thoai/{live}", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Đang diễn ra", items[0].QuerySelector(".home-live")!.TextContent.Trim());
        Assert.Equal($"/doi-thoai/{open}", items[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(items[1].QuerySelector(".home-live"));
        Assert.Equal(CitizenVoice.Infrastructure.VietnamTime.MachineTime(soon), items[1].QuerySelector("time")!.GetAttribute("datetime"));

        var ways = home.QuerySelectorAll(".home-way").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        Assert.Equal("/khao-sat", ways["Đánh giá sự hài lòng"]);
        // The live session takes questions too, and comes first.
        Assert.Equal($"/doi-thoai/{live}#gui-cau-hoi", ways["Đặt câu hỏi đối thoại"]);
        Assert.Equal("/phan-anh-kien-nghi", ways["Gửi phản ánh, kiến nghị"]);
    }
}
