using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using CitizenVoice.Features.Feedback;
using CitizenVoice.Infrastructure;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CitizenVoice.Tests.Feedback;

/// <summary>
/// A prepared month of feedback (March 2021, before anything the other tests send) for Ngân Sơn, one of its communes
/// and Ba Bể, whose figures are known by hand: the page, the workbook, the CSV and the PDF must all say the same.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FeedbackFiguresTests(CitizenVoiceApp app) : IAsyncLifetime
{
    private const string Period = "tu=2021-03-01&den=2021-03-31";
    private static readonly SemaphoreSlim Once = new(1, 1);

    private string _commune = "";

    public async Task InitializeAsync()
    {
        await Once.WaitAsync();
        try
        {
            _commune = await app.WithDbAsync(async db =>
            {
                var nganSon = await db.Units.SingleAsync(u => u.Code == "BK-NS");
                return await db.Units.Where(u => u.ParentId == nganSon.Id && u.ValidTo == null && u.SuccessorId == null).OrderBy(u => u.Code).Select(u => u.Code).FirstAsync();
            });
            // Each test class instance is new; the month is prepared once per database.
            if (!await app.WithDbAsync(db => db.FeedbackItems.AnyAsync(f => f.TrackingCode.StartsWith("PA-2021-SL"))))
            {
                await PrepareAsync();
            }
        }
        finally
        {
            Once.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task PrepareAsync() => app.WithDbAsync(async db =>
    {
        var units = await db.Units.Where(u => u.Code == "BK-NS" || u.Code == "BK-BB" || u.Code == _commune).ToDictionaryAsync(u => u.Code, u => u.Id);
        var fields = await db.Fields.ToDictionaryAsync(f => f.Code, f => f.Id);
        var n = 0;
        void Add(string unit, FeedbackKind kind, FeedbackChannel channel, string field, FeedbackStatus status, bool late = false, bool? satisfied = null,
            DateOnly? dueOn = null, DateOnly? receivedOn = null)
        {
            var day = receivedOn ?? new DateOnly(2021, 3, 2 + n);
            db.FeedbackItems.Add(new FeedbackItem
            {
                TrackingCode = $"PA-2021-SL{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}", SecretHash = "-", Kind = kind, Channel = channel,
                FieldId = fields[field], ReceivingUnitId = units[unit], AssignedUnitId = units[unit], Subject = $"Số liệu {++n}",
                Content = "Một việc của bộ số liệu đã biết trước.", ReceivedAt = DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(2, 0)), DateTimeKind.Utc), ReceivedOn = day, Status = status,
                DueOn = dueOn, AnsweredLate = late, Satisfied = satisfied,
                Answer = status is FeedbackStatus.Answered or FeedbackStatus.Closed ? "Đã trả lời." : null,
                AnsweredAt = status is FeedbackStatus.Answered or FeedbackStatus.Closed ? DateTime.SpecifyKind(day.AddDays(5).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc) : null,
            });
        }

        Add("BK-NS", FeedbackKind.Report, FeedbackChannel.Web, "CU-TRU", FeedbackStatus.Answered);
        Add("BK-NS", FeedbackKind.Report, FeedbackChannel.Phone, "CU-TRU", FeedbackStatus.Closed, satisfied: true);
        Add("BK-NS", FeedbackKind.Suggestion, FeedbackChannel.Email, "DKX", FeedbackStatus.Closed, late: true, satisfied: true);
        // Rated "không hài lòng", reopened, and its new deadline passed.
        Add(_commune, FeedbackKind.Petition, FeedbackChannel.Letter, "CCCD", FeedbackStatus.InProgress, satisfied: false, dueOn: new DateOnly(2021, 4, 15));
        // The clock is stopped: open, never overdue.
        Add(_commune, FeedbackKind.Petition, FeedbackChannel.Web, "CCCD", FeedbackStatus.WaitingForCitizen);
        Add("BK-NS", FeedbackKind.Report, FeedbackChannel.CommentBox, "CU-TRU", FeedbackStatus.Rejected);
        Add("BK-NS", FeedbackKind.Suggestion, FeedbackChannel.Web, "CU-TRU", FeedbackStatus.Received, dueOn: app.Today.AddDays(30));
        // Out of the leader's scope, and out of the period.
        Add("BK-BB", FeedbackKind.Report, FeedbackChannel.Web, "CU-TRU", FeedbackStatus.Answered, late: true);
        Add("BK-NS", FeedbackKind.Report, FeedbackChannel.Web, "CU-TRU", FeedbackStatus.Answered, receivedOn: new DateOnly(2021, 4, 5));
        await db.SaveChangesAsync();
    });

    private static string Percent(double value) => NumberText.Percent(value, CitizenVoice.Infrastructure.Localisation.Vietnamese);

    private static List<string[]> Rows(IHtmlDocument page, string table) =>
        [.. page.QuerySelectorAll($"table[data-table={table}] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray())];

    [Fact]
    public async Task A_leader_sees_the_feedback_figures_of_the_unit_and_its_communes_for_a_period_and_nothing_of_other_districts()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        // Ba Bể is not theirs: the page shows their own unit instead.
        foreach (var url in new[] { $"/quan-tri/phan-anh-kien-nghi/so-lieu?don-vi=BK-NS&{Period}", $"/quan-tri/phan-anh-kien-nghi/so-lieu?don-vi=BK-BB&{Period}" })
        {
            var page = await leader.GetPageAsync(url);
            string Figure(string name) => page.QuerySelector($"[data-figure={name}]")!.TextContent.Trim();
            Assert.Contains("Công an huyện Ngân Sơn", page.QuerySelector(".summary")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("7", Figure("received"));
            Assert.Equal("2", Figure("on-time"));
            Assert.Equal("1", Figure("late"));
            Assert.Equal(Percent(66.7), Figure("on-time-rate"));
            Assert.Equal("3", Figure("open"));
            Assert.Equal("1", Figure("overdue"));
            Assert.Equal("1", Figure("rejected"));
            Assert.Equal("2", Figure("satisfied"));
            Assert.Equal("1", Figure("not-satisfied"));

            // Received, on time, late, on-time rate, open, overdue, rejected, satisfied, not satisfied.
            Assert.Equal(
            [
                ["Góp ý", "2", "0", "1", "0,0", "1", "0", "0", "1", "0"],
                ["Phản ánh", "3", "2", "0", "100,0", "0", "0", "1", "1", "0"],
                ["Kiến nghị", "2", "0", "0", "—", "2", "1", "0", "0", "1"],
            ], Rows(page, "theo-loai"));
            Assert.Equal(
            [
                ["Cổng thông tin", "3", "1", "0", "100,0", "2", "0", "0", "0", "0"],
                ["Điện thoại, đường dây nóng", "1", "1", "0", "100,0", "0", "0", "0", "1", "0"],
                ["Thư điện tử", "1", "0", "1", "0,0", "0", "0", "0", "1", "0"],
                ["Thư, đơn gửi qua bưu điện", "1", "0", "0", "—", "1", "1", "0", "0", "1"],
                ["Hòm thư góp ý tại nơi tiếp dân", "1", "0", "0", "—", "0", "0", "1", "0", "0"],
            ], Rows(page, "theo-kenh"));
            var byField = Rows(page, "theo-linh-vuc").ToDictionary(r => r[0], r => r[1]);
            Assert.Equal(3, byField.Count);
            Assert.Equal(["4", "1", "2"], new[] { "Cư trú", "Đăng ký xe", "Căn cước" }
                .Select(name => byField.First(f => f.Key.StartsWith(name, StringComparison.Ordinal)).Value));
            var byUnit = Rows(page, "theo-don-vi");
            Assert.Equal(["BK-NS", "5"], byUnit[0].Where((_, i) => i is 0 or 2));
            Assert.Equal("2", byUnit.Single(r => r[0] == _commune)[2]);
            Assert.Equal(7, byUnit.Sum(r => int.Parse(r[2], CultureInfo.InvariantCulture)));
            Assert.DoesNotContain(byUnit, r => r[0] == "BK-BB");
        }

        // The satisfaction dashboard a leader opens shows the same month's feedback and links to the figures.
        var dashboard = await leader.GetPageAsync($"/quan-tri/ket-qua-hai-long?unit=BK-NS&from=2021-03-01&to=2021-03-31");
        var section = dashboard.QuerySelector("[data-feedback-figures]")!;
        Assert.Equal("7", section.QuerySelector("[data-figure=received]")!.TextContent.Trim());
        Assert.Equal(Percent(66.7), section.QuerySelector("[data-figure=on-time-rate]")!.TextContent.Trim());
        Assert.Equal("1", section.QuerySelector("[data-figure=overdue]")!.TextContent.Trim());
        Assert.Contains("/quan-tri/phan-anh-kien-nghi/so-lieu?don-vi=BK-NS&tu=2021-03-01&den=2021-03-31", section.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);

        // An officer does not read the figures.
        using var officer = app.CreateStaffClient();
        await officer.SignInAsync("canbo.nganson");
        using var denied = await officer.Http.GetAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/so-lieu?{Period}", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }

    [Fact]
    public async Task The_workbook_and_the_CSV_carry_the_same_feedback_figures_as_the_page()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        using var xlsx = await leader.Http.GetAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/so-lieu/xuat.xlsx?don-vi=BK-BB&{Period}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        await using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Tổng hợp", "Theo loại", "Theo kênh", "Theo lĩnh vực", "Theo đơn vị"], stream.GetSheetNames());
        var total = stream.Query(useHeaderRow: true, sheetName: "Tổng hợp").Cast<IDictionary<string, object>>().Single();
        Assert.Equal("Công an huyện Ngân Sơn", total["Đơn vị"]);
        var expected = new Dictionary<string, double>
        {
            ["Tiếp nhận"] = 7, ["Trả lời đúng hạn"] = 2, ["Trả lời quá hạn"] = 1, ["Tỷ lệ trả lời đúng hạn (%)"] = 66.7, ["Đang giải quyết"] = 3,
            ["Quá hạn chưa trả lời"] = 1, ["Không tiếp nhận"] = 1, ["Hài lòng"] = 2, ["Không hài lòng"] = 1,
        };
        foreach (var (header, value) in expected)
        {
            Assert.Equal(value, Convert.ToDouble(total[header], CultureInfo.InvariantCulture), 1);
        }

        var petitions = stream.Query(useHeaderRow: true, sheetName: "Theo loại").Cast<IDictionary<string, object>>().Single(r => (string)r["Loại"] == "Kiến nghị");
        Assert.Equal(2, Convert.ToInt32(petitions["Tiếp nhận"], CultureInfo.InvariantCulture));
        Assert.Equal(1, Convert.ToInt32(petitions["Quá hạn chưa trả lời"], CultureInfo.InvariantCulture));
        Assert.Null(petitions["Tỷ lệ trả lời đúng hạn (%)"]);

        using var csv = await leader.Http.GetAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/so-lieu/xuat.csv?don-vi=BK-NS&{Period}&bang=tong-hop", UriKind.Relative));
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Đơn vị;Từ ngày;Đến ngày;Tiếp nhận;Trả lời đúng hạn;Trả lời quá hạn;Tỷ lệ trả lời đúng hạn (%);Đang giải quyết;Quá hạn chưa trả lời;Không tiếp nhận;Hài lòng;Không hài lòng", lines[0]);
        Assert.Equal("Công an huyện Ngân Sơn;2021-03-01;2021-03-31;7;2;1;66,7;3;1;1;2;1", lines[1]);
        using var byChannel = await leader.Http.GetAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/so-lieu/xuat.csv?don-vi=BK-NS&{Period}&bang=theo-kenh", UriKind.Relative));
        Assert.Contains("Cổng thông tin;3;1;0;100,0;2;0;0;0;0\r\n", await byChannel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_PDF_report_shows_the_feedback_figures_as_printed()
    {
        using var leader = app.CreateStaffClient();
        await leader.SignInAsync("lanhdao.nganson");
        using var response = await leader.Http.GetAsync(new Uri($"/quan-tri/phan-anh-kien-nghi/so-lieu/bao-cao.pdf?don-vi=BK-NS&{Period}", UriKind.Relative));
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var page = await RenderedPdf.ReadAsync(await response.Content.ReadAsByteArrayAsync(), dpi: 300);
        RenderedPdf.AssertShows(page, "Kết quả tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị");
        RenderedPdf.AssertShows(page, "Đơn vị: Công an huyện Ngân Sơn");
        RenderedPdf.AssertShows(page, "Kỳ báo cáo: 01/03/2021");
        RenderedPdf.AssertShows(page, "31/03/2021");
        RenderedPdf.AssertShows(page, "Tiếp nhận: 7");
        RenderedPdf.AssertShows(page, "Trả lời đúng hạn: 2");
        RenderedPdf.AssertShows(page, "Trả lời quá hạn: 1");
        RenderedPdf.AssertShows(page, "Tỷ lệ trả lời đúng hạn: 66,7");
        RenderedPdf.AssertShows(page, "Đang giải quyết: 3, trong đó quá hạn chưa trả lời: 1");
        RenderedPdf.AssertShows(page, "Không tiếp nhận: 1");
        RenderedPdf.AssertShows(page, "Người gửi hài lòng: 2; không hài lòng: 1");
    }
}
