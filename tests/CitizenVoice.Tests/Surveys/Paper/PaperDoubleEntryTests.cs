using System.Net;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Tests.Infrastructure;
using CitizenVoice.Tests.Staff;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Surveys;

[Collection(AppCollection.Name)]
public sealed class PaperDoubleEntryTests(CitizenVoiceApp app)
{
    private const string EntryPage = "/quan-tri/khao-sat/phieu-giay";

    [Fact]
    public async Task The_demo_has_three_survey_team_members_so_double_entry_and_reconciliation_can_be_tried_at_once()
    {
        foreach (var name in new[] { "khaosat", "khaosat2", "khaosat3" })
        {
            using var member = app.CreateStaffClient();
            await member.SignInAsync(name);
            using var page = await member.Http.GetAsync(EntryPage);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    [Fact]
    public async Task Two_matching_entries_by_different_team_members_create_exactly_one_paper_response()
    {
        var (first, second, _) = await TeamAsync("khop");
        var questions = await QuestionNamesAsync(first);

        using var one = await EnterAsync(first, "KHOP-001", questions, [4, 5, 3], "Phiếu giấy khớp");
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.AnyAsync(r => r.Comment == "Phiếu giấy khớp")));

        using var two = await EnterAsync(second, "khop-001 ", questions, [4, 5, 3], "Phiếu  giấy khớp");
        Assert.Equal(HttpStatusCode.Redirect, two.StatusCode);
        var response = await app.WithDbAsync(db => db.SurveyResponses.SingleAsync(r => r.Comment == "Phiếu giấy khớp"));
        Assert.Equal(SurveyChannel.Paper, response.Channel);
        Assert.Equal(3, response.Answers.Count);
        var entries = await app.WithDbAsync(db => db.PaperEntries.Where(e => e.Serial == "KHOP-001").ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal((PaperEntryStatus.Recorded, response.Id), (e.Status, e.ResponseId!.Value)));
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.EntityType == nameof(PaperEntry) && a.EntityKey.EndsWith("/KHOP-001 #2"))));

        using var third = await EnterAsync(first, "KHOP-001", questions, [4, 5, 3], "Phiếu giấy khớp");
        Assert.Contains("đã được ghi nhận", (await StaffClient.ParseAsync(third)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.SurveyResponses.CountAsync(r => r.Comment == "Phiếu giấy khớp")));
    }

    [Fact]
    public async Task The_same_team_member_entering_a_serial_twice_is_refused()
    {
        var (first, _, _) = await TeamAsync("hailan");
        var questions = await QuestionNamesAsync(first);

        using var one = await EnterAsync(first, "HAI-LAN-7", questions, [4], "Một người hai lần");
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        using var again = await EnterAsync(first, "HAI-LAN-7", questions, [4], "Một người hai lần");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Lần nhập thứ hai phải do một thành viên khác", (await StaffClient.ParseAsync(again)).Body!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.PaperEntries.CountAsync(e => e.Serial == "HAI-LAN-7")));
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.AnyAsync(r => r.Comment == "Một người hai lần")));
    }

    [Fact]
    public async Task Mismatched_entries_go_to_reconciliation_where_a_third_member_records_one_response()
    {
        var (first, second, third) = await TeamAsync("lech");
        var questions = await QuestionNamesAsync(first);

        using var one = await EnterAsync(first, "LECH-42", questions, [4, 5], "Phiếu lệch");
        using var two = await EnterAsync(second, "LECH-42", questions, [2, 5], "Phiếu lệch");
        Assert.Equal(HttpStatusCode.Redirect, two.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SurveyResponses.AnyAsync(r => r.Comment == "Phiếu lệch")));

        var list = await third.GetPageAsync("/quan-tri/khao-sat/doi-chieu");
        var link = list.QuerySelectorAll("a").Single(a => a.TextContent.Contains("LECH-42", StringComparison.Ordinal)).GetAttribute("href")!;
        var page = await third.GetPageAsync(link);
        var differing = page.QuerySelectorAll("tr.reconcile-differs");
        Assert.Single(differing);
        Assert.Contains("Khác nhau", differing[0].TextContent);
        var choice = page.QuerySelector("input[type=radio][value='1']")!.GetAttribute("name")!;

        var typistView = await first.GetPageAsync(link);
        Assert.Null(typistView.QuerySelector("#reconcile-form"));

        using var confirmed = await third.SubmitFormAsync(link, [new(choice, "1")]);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var response = await app.WithDbAsync(db => db.SurveyResponses.SingleAsync(r => r.Comment == "Phiếu lệch"));
        Assert.Equal(SurveyChannel.Paper, response.Channel);
        Assert.Equal([4, 5], response.Answers.OrderBy(a => a.QuestionId).Select(a => a.Value!.Value));
        Assert.All(await app.WithDbAsync(db => db.PaperEntries.Where(e => e.Serial == "LECH-42").ToListAsync()),
            e => Assert.Equal(PaperEntryStatus.Recorded, e.Status));

        using var twice = await third.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
    }

    [Fact]
    public async Task A_team_member_cannot_enter_a_paper_form_of_their_own_unit()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        await SignInTests.CreateAccountAsync(admin, "giay.nganson", "BK-NS", role: "SurveyTeam");
        using var member = app.CreateStaffClient();
        await member.SignInAsync("giay.nganson");
        var questions = await QuestionNamesAsync(member);

        using var response = await EnterAsync(member, "NS-1", questions, [4], "Giấy của đơn vị mình", unitCode: "BK-NS-VT");

        Assert.StartsWith("/khong-co-quyen", response.Headers.Location!.PathAndQuery);
        Assert.False(await app.WithDbAsync(db => db.PaperEntries.AnyAsync(e => e.Serial == "NS-1")));
    }

    private async Task<(StaffClient First, StaffClient Second, StaffClient Third)> TeamAsync(string prefix)
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var clients = new List<StaffClient>();
        foreach (var n in new[] { "1", "2", "3" })
        {
            await SignInTests.CreateAccountAsync(admin, $"giay.{prefix}{n}", "BK-PV01", role: "SurveyTeam");
            var client = app.CreateStaffClient();
            await client.SignInAsync($"giay.{prefix}{n}");
            clients.Add(client);
        }

        return (clients[0], clients[1], clients[2]);
    }

    private static async Task<string[]> QuestionNamesAsync(StaffClient client) =>
        [.. (await client.GetPageAsync(EntryPage)).QuerySelectorAll("input[type=radio]").Select(r => r.GetAttribute("name")!).Distinct()];

    private Task<HttpResponseMessage> EnterAsync(
        StaffClient client, string serial, string[] questions, int[] values, string comment, string unitCode = "BK-BB") =>
        client.SubmitFormAsync(EntryPage,
        [
            new("UnitCode", unitCode), new("FieldCode", "CCCD"), new("ContactDate", app.Today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), new("Serial", serial), new("Comment", comment),
            .. values.Select((v, i) => new KeyValuePair<string, string>(questions[i], v.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ]);
}
