using System.Globalization;
using System.Net;
using System.Text.Json;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Satisfaction;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Tests.Infrastructure;
using CitizenVoice.Tests.Satisfaction;
using CitizenVoice.Tests.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Organisation;

/// <summary>
/// Reorganisations from a file, on an app of their own (they merge and move demo units): the check, the preview, and
/// what applying does to units, staff, figures and printed links. The tests use different districts, so they do not
/// depend on each other's order.
/// </summary>
public sealed class ReorganisationTests(CitizenVoiceApp app) : IClassFixture<CitizenVoiceApp>
{
    [Fact]
    public async Task A_file_with_bad_rows_is_refused_with_each_line_and_its_reason_and_nothing_is_applied()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var communes = await CommunesOfAsync("BK-CD");
        var (a, b, c, d) = (communes[0], communes[1], communes[2], communes[3]);
        var unitsBefore = await app.WithDbAsync(db => db.Units.Active().CountAsync());

        using var response = await ReorganisationUpload.PostAsync(admin, "sai.csv", ReorganisationUpload.Csv(
            $"2025-07-01,Sáp nhập,{a},{a},,,,,,",
            "2025-07-01,Sáp nhập,KHONG-CO,BK-CD,,,,,,",
            $"2025-07-01,Sáp nhập,{b},{c},,,,,,",
            $"2025-07-01,Sáp nhập,{c},{b},,,,,,",
            "2025-07-01,Tạo mới,,BK-CM,Công an trùng mã,xã,xã,BK-CD,,",
            $"2025-07-01,Chuyển cấp trên,{d},,,,,{a},,",
            $"2025-07-01,Sáp nhập,{d},BK-CHUA-CO,,,,,,",
            $"2025-07-01,Xoá,{d},,,,,,,",
            $"31/02/2025,Đổi tên,{d},,Tên mới,,,,,"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await StaffClient.ParseAsync(response);
        var reasons = page.QuerySelectorAll("#dong-loi tbody tr")
            .Select(tr => (Line: int.Parse(tr.Children[0].TextContent, CultureInfo.InvariantCulture), Reason: tr.Children[1].TextContent)).ToList();
        void Refused(int line, string reason) =>
            Assert.True(reasons.Any(r => r.Line == line && r.Reason.Contains(reason, StringComparison.Ordinal)),
                $"Line {line} should be refused with “{reason}”; the page says:\n" + string.Join('\n', reasons.Select(r => $"{r.Line}: {r.Reason}")));
        Refused(2, $"Đơn vị {a} không thể sáp nhập vào chính nó.");
        Refused(3, "Không có đơn vị mã KHONG-CO.");
        Refused(4, "sáp nhập các đơn vị vào nhau thành vòng lặp");
        Refused(5, "sáp nhập các đơn vị vào nhau thành vòng lặp");
        Refused(6, "Mã đơn vị BK-CM đã được dùng.");
        Refused(7, "Đơn vị cấp xã không thể đặt dưới đơn vị cấp xã.");
        Refused(8, "Đơn vị tiếp nhận BK-CHUA-CO không tồn tại hoặc không hoạt động vào ngày hiệu lực.");
        Refused(9, "Hành động “Xoá” không hợp lệ");
        Refused(10, "không phải là ngày hợp lệ");
        Assert.Contains("chưa áp dụng thay đổi nào", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(unitsBefore, await app.WithDbAsync(db => db.Units.Active().CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.Reorganisations.AnyAsync(r => r.FileName == "sai.csv")));
    }

    [Fact]
    public async Task A_preview_counts_what_each_change_touches_and_applying_it_keeps_every_figure_equal_to_a_recount_of_the_responses()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var nganSon = await CommunesOfAsync("BK-NS");
        var (first, second, renamed) = (nganSon[0], nganSon[1], nganSon[2]);
        var moved = (await CommunesOfAsync("BK-BB"))[0];
        await SignInTests.CreateAccountAsync(admin, "canbo.xa.mot", first);
        await SignInTests.CreateAccountAsync(admin, "canbo.xa.hai", second);
        // An English name of the renamed commune that cannot be made from its Vietnamese one: the page for a period
        // before the rename must print the one kept, not one made up.
        await app.WithDbAsync(db => db.Units.Where(u => u.Code == renamed).ExecuteUpdateAsync(u => u.SetProperty(x => x.NameEn, "Old Hill Police Post")));
        var today = app.Today;
        var date = new DateOnly(today.Year, today.Month, 1).AddMonths(-3);
        var dateText = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var preview = await ReorganisationUpload.UploadAsync(admin, "ngan-son.csv", ReorganisationUpload.Csv(
            $"{dateText},Tạo mới,,BK-NS-HOPNHAT,Công an xã Hợp Nhất,xã,xã,BK-NS,01999,",
            $",Sáp nhập,{first},BK-NS-HOPNHAT,,,,,,chuyển",
            $",Sáp nhập,{second},BK-NS-HOPNHAT,,,,,,khoá",
            $",Đổi tên,{renamed},,Công an xã Đổi Tên,,,,,",
            $",Chuyển cấp trên,{moved},,,,,BK-NS,,",
            $",Tạo mới,,BK-NS-MOILAP,Công an xã Mới Lập,xã,xã,BK-NS,,",
            $",Sáp nhập,{nganSon[3]},{nganSon[4]},,,,,,chuyển"));

        // The preview: one line per change, with the responses and staff accounts it touches.
        var page = await admin.GetPageAsync(preview);
        var lines = page.QuerySelectorAll("#thay-doi tbody tr").ToDictionary(tr => tr.GetAttribute("data-line")!, tr => tr.Children.Select(td => td.TextContent.Trim()).ToList());
        Assert.Equal(7, lines.Count);
        var headings = page.QuerySelectorAll("#thay-doi thead th").Select(th => th.TextContent.Trim()).ToList();
        var responsesColumn = headings.IndexOf("Phiếu khảo sát");
        Assert.Equal((await ResponsesOfAsync(first)).ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), lines["3"][responsesColumn]);
        Assert.Equal((await ResponsesOfAsync(second)).ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), lines["4"][responsesColumn]);
        Assert.Equal((await ResponsesOfAsync(moved)).ToString("N0", CultureInfo.GetCultureInfo("vi-VN")), lines["6"][responsesColumn]);
        Assert.Equal("0", lines["2"][responsesColumn]);
        Assert.StartsWith("1 (chuyển sang Công an xã Hợp Nhất (BK-NS-HOPNHAT))", lines["3"][^1], StringComparison.Ordinal);
        Assert.Equal("1 (khoá)", lines["4"][^1]);
        Assert.Contains("Sáp nhập: 3 đơn vị", page.QuerySelector("#tom-tat")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tạo mới: 2 đơn vị", page.QuerySelector("#tom-tat")!.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Units.AnyAsync(u => u.Code == "BK-NS-HOPNHAT")));

        using var client = app.CreateClient();
        var from = today.AddYears(-2);
        async Task<long> FigureAsync(string unit, DateOnly start, DateOnly end) => (await SatisfactionApiTests.SatisfactionAsync(client,
            $"unit={unit}&subunits=true&from={start:yyyy-MM-dd}&to={end:yyyy-MM-dd}")).GetProperty("responses").GetInt64();
        var province = await FigureAsync("BK", from, today);

        using (var applied = await admin.SubmitFormAsync(preview, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        // The tree, the names and the parents over time.
        var units = await app.WithDbAsync(db => db.Units.AsNoTracking().Include(u => u.NameHistory).Include(u => u.ParentHistory).ToDictionaryAsync(u => u.Code));
        var merged = units["BK-NS-HOPNHAT"];
        Assert.Equal(date, merged.ValidFrom);
        Assert.Equal(merged.Id, units[first].SuccessorId);
        Assert.Equal(merged.Id, units[second].SuccessorId);
        Assert.Equal(date, units[first].ValidTo);
        Assert.Equal("Công an xã Đổi Tên", units[renamed].Name);
        Assert.Contains(units[renamed].NameHistory, n => n.ValidTo == date && n.Name != "Công an xã Đổi Tên" && n.NameEn == "Old Hill Police Post");
        // A file carries Vietnamese names only: the English ones follow them instead of keeping the old English name.
        Assert.Equal("Đổi Tên Commune Police", units[renamed].NameEn);
        Assert.Equal("Hợp Nhất Commune Police", units["BK-NS-HOPNHAT"].NameEn);
        const string English = "culture=en-GB&ui-culture=en-GB";
        var before = (await admin.GetPageAsync($"/ket-qua-khao-sat?unit=BK-NS&from={from:yyyy-MM-dd}&to={date.AddDays(-1):yyyy-MM-dd}&{English}")).Body!.TextContent;
        Assert.Contains("Old Hill Police Post", before, StringComparison.Ordinal);
        Assert.DoesNotContain("Đổi Tên", before, StringComparison.Ordinal);
        Assert.Contains("Đổi Tên Commune Police", (await admin.GetPageAsync($"/ket-qua-khao-sat?unit=BK-NS&from={date:yyyy-MM-dd}&{English}")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Old Hill Police Post", (await admin.GetPageAsync($"/can-bo/don-vi/{renamed}?{English}")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(units["BK-NS"].Id, units[moved].ParentId);
        Assert.Contains(units[moved].ParentHistory, p => p.ParentId == units["BK-BB"].Id && p.ValidTo == date);

        // Fields: the merged commune serves its predecessors'; the one nothing was merged into serves those of (nearly)
        // every commune, so its QR form has something to rate.
        var fields = await app.WithDbAsync(db => db.UnitFields.Join(db.Fields, s => s.FieldId, f => f.Id, (s, f) => new { s.UnitId, f.Code }).ToListAsync());
        string FieldsOf(string code) => string.Join(' ', fields.Where(f => f.UnitId == units[code].Id).Select(f => f.Code).Order(StringComparer.Ordinal));
        Assert.Equal("CCCD CU-TRU", FieldsOf("BK-NS-MOILAP"));
        Assert.Equal(FieldsOf(first), FieldsOf("BK-NS-HOPNHAT"));

        // Staff: moved with the first commune, disabled with the second, as the rows said.
        var accounts = await app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.UserName!.StartsWith("canbo.xa.")).ToDictionaryAsync(u => u.UserName!));
        Assert.Equal(merged.Id, accounts["canbo.xa.mot"].UnitId);
        Assert.False(accounts["canbo.xa.mot"].IsDisabled);
        Assert.True(accounts["canbo.xa.hai"].IsDisabled);

        // Figures before and after the date equal a recount of the raw responses of the units that now make them up.
        foreach (var (start, end) in new[] { (from, date.AddDays(-1)), (date, today), (from, today) })
        {
            Assert.Equal(await RecountAsync([first, second], start, end), await FigureAsync("BK-NS-HOPNHAT", start, end));
            Assert.Equal(await RecountUnderAsync("BK-NS", start, end), await FigureAsync("BK-NS", start, end));
            Assert.Equal(await RecountUnderAsync("BK-BB", start, end), await FigureAsync("BK-BB", start, end));
        }

        Assert.Equal(province, await FigureAsync("BK", from, today));

        // The results screens for a period that ended before the date list the units as they stood then, and each counts
        // the units under it then: the province and the districts nothing entered or left (from their subtree rows),
        // Ngân Sơn and Ba Bể, which gained and lost a commune (from their units' own rows), the communes merged since and
        // the one that took another in, each counting itself alone then.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var report = scope.ServiceProvider.GetRequiredService<SatisfactionReport>();
            var (start, end) = (from, date.AddDays(-1));
            Assert.Equal(await RecountThenAsync("BK", date, start, end), (await report.FiguresAsync(new SatisfactionFilter("BK", true, null, null, null, null, start, end) { TreeOfPeriod = true })).Responses);
            foreach (var parent in new[] { "BK", "BK-NS", "BK-BB" })
            {
                var children = await report.ByChildUnitAsync(new SatisfactionFilter(parent, true, null, null, null, null, start, end) { TreeOfPeriod = true });
                Assert.Contains(children, c => c.Figures.Responses > 0);
                foreach (var (child, figures) in children)
                {
                    Assert.Equal((child.Code, await RecountThenAsync(child.Code, date, start, end)), (child.Code, figures.Responses));
                }

                Assert.DoesNotContain(children, c => c.Unit.Code == "BK-NS-HOPNHAT");
            }

            var nganSonThen = await report.ByChildUnitAsync(new SatisfactionFilter("BK-NS", true, null, null, null, null, start, end) { TreeOfPeriod = true });
            Assert.Contains(nganSonThen, c => c.Unit.Code == first);
            Assert.Contains(nganSonThen, c => c.Unit.Code == nganSon[3] && c.Figures.Responses > 0);
            Assert.DoesNotContain(nganSonThen, c => c.Unit.Code == moved);
        }

        // A later move (a commune of Chợ Đồn to Ngân Sơn, today) is seen at once: the tree of that day kept between
        // requests is not used once the tree has changed again, or Chợ Đồn would be read from its rollups without it.
        var later = (await CommunesOfAsync("BK-CD"))[0];
        await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await UnitTree.MoveAsync(db, await db.Units.SingleAsync(u => u.Code == later), await db.Units.SingleAsync(u => u.Code == "BK-NS"), today);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var (start, end) = (from, date.AddDays(-1));
            var children = await scope.ServiceProvider.GetRequiredService<SatisfactionReport>()
                .ByChildUnitAsync(new SatisfactionFilter("BK", true, null, null, null, null, start, end) { TreeOfPeriod = true });
            foreach (var code in new[] { "BK-CD", "BK-NS" })
            {
                Assert.Equal(await RecountThenAsync(code, date, start, end), children.Single(c => c.Unit.Code == code).Figures.Responses);
            }
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<RollupCheck>().RunAsync());
        }

        // Printed QR codes and links of the old communes open the new one.
        var field = await app.WithDbAsync(db => db.UnitFields.Where(f => f.UnitId == units[first].Id).Join(db.Fields, s => s.FieldId, f => f.Id, (s, f) => f.Code).FirstAsync());
        using var survey = await admin.Http.GetAsync($"/khao-sat/{first}/{field}");
        Assert.Equal(HttpStatusCode.Redirect, survey.StatusCode);
        Assert.Equal($"/khao-sat/BK-NS-HOPNHAT/{field}", survey.Headers.Location!.OriginalString);
        using var kiosk = await admin.Http.GetAsync($"/khao-sat/{second}/{field}/tung-buoc");
        Assert.Equal($"/khao-sat/BK-NS-HOPNHAT/{field}/tung-buoc", kiosk.Headers.Location!.OriginalString);
        using var unitPage = await admin.Http.GetAsync($"/can-bo/don-vi/{first}");
        Assert.Equal("/can-bo/don-vi/BK-NS-HOPNHAT", unitPage.Headers.Location!.OriginalString);

        // The history page says who applied which file, and what it did; the audit log has it too.
        var history = await admin.GetPageAsync("/quan-tri/to-chuc-lai");
        var row = history.QuerySelectorAll("#lich-su tbody tr").Single(tr => tr.TextContent.Contains("ngan-son.csv", StringComparison.Ordinal));
        Assert.Contains("admin", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tạo mới 2, đổi tên 1, chuyển cấp trên 1, sáp nhập 3, bãi bỏ 0 đơn vị; chuyển 1 và khoá 1 tài khoản cán bộ.", row.TextContent, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(e => e.EntityType == nameof(Reorganisation) && e.EntityKey == "ngan-son.csv" && e.UserName == "admin")));

        // Applied once: a second press changes nothing.
        using var again = await admin.SubmitFormAsync(preview, []);
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Units.CountAsync(u => u.Code == "BK-NS-HOPNHAT")));
    }

    /// <summary>The active communes of a district, by code.</summary>
    private Task<List<string>> CommunesOfAsync(string district) => app.WithDbAsync(db =>
        db.Units.Active().Where(u => u.Parent!.Code == district && u.Level == UnitLevel.Commune).OrderBy(u => u.Code).Select(u => u.Code).ToListAsync());

    private Task<long> ResponsesOfAsync(string unit) => app.WithDbAsync(db =>
        db.SurveyResponses.LongCountAsync(r => !r.IsDeleted && db.Units.Any(u => u.Id == r.UnitId && u.Code == unit)));

    private Task<long> RecountAsync(string[] units, DateOnly from, DateOnly to) => app.WithDbAsync(db =>
        db.SurveyResponses.LongCountAsync(r => !r.IsDeleted && r.Day >= from && r.Day <= to && db.Units.Any(u => u.Id == r.UnitId && units.Contains(u.Code))));

    /// <summary>
    /// The raw responses of every unit that was under the unit the day before <paramref name="changed"/> (the parent each
    /// had then is the one its parent history keeps until that day).
    /// </summary>
    private Task<long> RecountThenAsync(string unit, DateOnly changed, DateOnly from, DateOnly to) => app.WithDbAsync(async db =>
    {
        var all = await db.Units.AsNoTracking().Include(u => u.ParentHistory).Where(u => u.ValidFrom < changed).ToListAsync();
        int? ParentThen(Unit u) => u.ParentHistory.Where(p => p.ValidTo >= changed).MinBy(p => p.ValidTo)?.ParentId ?? u.ParentId;
        var ids = new List<int> { all.Single(u => u.Code == unit).Id };
        for (var i = 0; i < ids.Count; i++)
        {
            ids.AddRange(all.Where(u => ParentThen(u) == ids[i]).Select(u => u.Id));
        }

        return await db.SurveyResponses.LongCountAsync(r => !r.IsDeleted && r.Day >= from && r.Day <= to && ids.Contains(r.UnitId));
    });

    /// <summary>The raw responses of every unit now under the unit, and of every unit merged into one of those.</summary>
    private Task<long> RecountUnderAsync(string unit, DateOnly from, DateOnly to) => app.WithDbAsync(async db =>
    {
        var all = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Path, u.SuccessorId }).ToListAsync();
        var path = all.Single(u => u.Code == unit).Path;
        var byId = all.ToDictionary(u => u.Id);
        string Current(int id) => byId[id].SuccessorId is { } next ? Current(next) : byId[id].Path;
        var ids = all.Where(u => Current(u.Id).StartsWith(path, StringComparison.Ordinal) || u.Path.StartsWith(path, StringComparison.Ordinal)).Select(u => u.Id).ToList();
        return await db.SurveyResponses.LongCountAsync(r => !r.IsDeleted && r.Day >= from && r.Day <= to && ids.Contains(r.UnitId));
    });
}
