using CitizenVoice.BrowserTests.Infrastructure;
using CitizenVoice.Features.Surveys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenVoice.BrowserTests.Surveys;

[Collection(BrowserCollection.Name)]
public sealed class SurveyBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_citizen_opens_the_QR_link_on_a_phone_answers_and_sees_the_thank_you_page()
    {
        var page = await NewPageAsync(360, 740);
        var form = new SurveyFormPage(page);
        await form.OpenAsync("BK-NS", "CCCD");
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();

        await form.AnswerAsync("Nơi ngồi chờ tại Bộ phận tiếp nhận và trả kết quả có đủ chỗ ngồi.", "Hài lòng");
        await form.AnswerAsync("Cán bộ có thái độ giao tiếp lịch sự.", "Rất hài lòng");
        await form.AnswerAsync("Ông/Bà hài lòng thế nào về việc tiếp cận dịch vụ?", "Bình thường");
        await form.SendAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cảm ơn Ông/Bà đã đánh giá", Level = 1 })).ToBeVisibleAsync();
        await page.AssertNoHorizontalScrollAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task A_kiosk_tap_is_queued_sent_with_its_client_id_and_the_kiosk_resets_for_the_next_person()
    {
        var page = await NewPageAsync(800, 1200);
        var kiosk = new KioskPage(page);
        var unitId = await App.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-BT").Select(u => u.Id).SingleAsync());
        Task<int> CountAsync() => App.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.UnitId == unitId && r.Channel == SurveyChannel.Kiosk && !r.IsDeleted));
        var before = await CountAsync();
        await kiosk.OpenAsync("BK-BT", "CU-TRU");
        await page.AssertAccessibleAsync();

        await kiosk.TapAsync("Rất hài lòng");
        await Expect(page.GetByText("Cảm ơn Ông/Bà! Đánh giá đã được ghi nhận.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        // The answer leaves the browser's queue only once the server has it.
        await page.WaitForFunctionAsync("() => (localStorage.getItem('cv-kiosk-queue') || '[]') === '[]'");
        Assert.Equal(before + 1, await CountAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Xong" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cảm ơn Ông/Bà đã đánh giá!" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Rất hài lòng", Exact = true })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        Assert.Equal("[]", await page.EvaluateAsync<string>("() => localStorage.getItem('cv-kiosk-queue')"));
        Assert.Equal(before + 1, await CountAsync());
    }
}

[Collection(BrowserCollection.Name)]
public sealed class SurveyTeamBrowserTests(BrowserApp app) : BrowserTest(app)
{
    [Fact]
    public async Task A_typist_enters_a_paper_form_with_one_key_per_answer()
    {
        var page = await NewPageAsync();
        await new SignInPage(page).SignInAsync("khaosat");
        var entry = new PaperEntryPage(page);
        await entry.OpenAsync();
        await page.AssertAccessibleAsync();

        await entry.TypeFormAsync("Công an huyện Chợ Mới (BK-CM)", "Căn cước", "BAN-PHIM-1", "4532");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Nơi ngồi chờ tại Bộ phận tiếp nhận và trả kết quả có đủ chỗ ngồi.", Exact = true })
            .GetByLabel("Hài lòng", new() { Exact = true })).ToBeCheckedAsync();
        await entry.SaveAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lưu lần nhập thứ nhất của phiếu số BAN-PHIM-1");
        var stored = await App.WithDbAsync(db => db.PaperEntries.SingleAsync(e => e.Serial == "BAN-PHIM-1"));
        Assert.Equal([4, 5, 3, 2], PaperContent.FromJson(stored.Content).Values.Values);
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task The_survey_team_pages_pass_the_accessibility_check()
    {
        var (roundId, entryId) = await App.WithDbAsync(async db =>
        {
            var unit = await db.Units.Where(u => u.Code == "BK-BB").Select(u => u.Id).SingleAsync();
            var field = await db.Fields.Where(f => f.Code == "XNC").Select(f => f.Id).SingleAsync();
            var round = new SurveyRound
            {
                Name = "Đợt kiểm tra truy cập", StartsOn = new DateOnly(2026, 1, 1), EndsOn = new DateOnly(2026, 12, 31),
                Targets = [new SurveyRoundTarget { UnitId = unit, FieldId = field, Target = 385 }],
            };
            db.SurveyRounds.Add(round);
            var typists = await db.Users.Where(u => u.UserName == "admin" || u.UserName == "thuky").Select(u => u.Id).ToListAsync();
            var questionnaire = await db.Questionnaires.Where(q => q.IsCurrent).Select(q => q.Id).SingleAsync();
            var question = await db.Questionnaires.Where(q => q.IsCurrent).SelectMany(q => q.Questions).OrderBy(q => q.Order).Select(q => q.Id).FirstAsync();
            var entries = typists.Select((typist, i) => new PaperEntry
            {
                UnitId = unit, FieldId = field, Serial = "TRUY-CAP-1", Sequence = i + 1, QuestionnaireId = questionnaire, EnteredById = typist,
                Status = PaperEntryStatus.Mismatched, Content = PaperContent.From(new DateOnly(2026, 11, 1), new Dictionary<int, int> { [question] = 4 - i }, null, null).ToJson(),
            }).ToList();
            db.PaperEntries.AddRange(entries);
            await db.SaveChangesAsync();
            return (round.Id, entries[0].Id);
        });
        var page = await NewPageAsync(360, 740);
        await new SignInPage(page).SignInAsync("khaosat");
        foreach (var (path, heading) in new[]
        {
            ($"/quan-tri/khao-sat/dot/{roundId}", "Đợt kiểm tra truy cập"), ($"/quan-tri/khao-sat/doi-chieu/{entryId}", "Đối chiếu phiếu số TRUY-CAP-1"),
            ("/quan-tri/khao-sat/phieu-giay", "Nhập phiếu giấy"),
            ("/quan-tri/khao-sat/doi-chieu", "Đối chiếu phiếu giấy"), ("/quan-tri/khao-sat/in", "In phiếu khảo sát và áp phích"),
            ("/quan-tri/khao-sat/nhap-tep", "Nhập phiếu từ tệp"), ("/quan-tri/khao-sat/dot", "Đợt khảo sát"), ("/quan-tri/khao-sat/dot/them", "Tạo đợt khảo sát"),
        })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await page.AssertAccessibleAsync();
        }
    }
}
