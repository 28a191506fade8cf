using System.Globalization;
using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Features.Surveys.Rollups;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// Downloads of the results: every table of the screen as XLSX sheets or one table as CSV, and the daily rollup
/// rows of a period as a data extract that streams through a temporary file (memory stays flat however large).
/// </summary>
public static class ResultsExport
{
    public static IEndpointRouteBuilder MapResultsExport(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/quan-tri/ket-qua-hai-long").RequireAuthorization(Policies.Staff).ExcludeFromDescription();
        staff.MapGet("/xuat.xlsx", (HttpContext http, [AsParameters] DashboardQueryParameters q, AppDb db, SatisfactionReport report, UnitScope scope, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            ExportAsync(http, q, db, report, scope, clock, l, "xlsx", null, ct));
        staff.MapGet("/xuat.csv", (HttpContext http, [AsParameters] DashboardQueryParameters q, AppDb db, SatisfactionReport report, UnitScope scope, TimeProvider clock, IStringLocalizer<SharedResource> l, string? bang, CancellationToken ct) =>
            ExportAsync(http, q, db, report, scope, clock, l, "csv", bang, ct));
        staff.MapGet("/du-lieu.xlsx", DataExtractAsync);
        staff.MapGet("/bao-cao.pdf", async (HttpContext http, [AsParameters] DashboardQueryParameters q, AppDb db, SatisfactionReport report, UnitScope scope, TimeProvider clock, CancellationToken ct) =>
        {
            var root = await scope.PathOfAsync(http.User, ct);
            if (root is null)
            {
                return Results.Forbid();
            }

            var today = SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
            // The report is an official Vietnamese document: units and fields go by their Vietnamese names whatever
            // language the page was in (this request's culture only).
            System.Globalization.CultureInfo.CurrentUICulture = Infrastructure.Localisation.Vietnamese;
            if (await DashboardData.LoadAsync(db, report, q.ToQuery(), root, today, ct) is not { } data)
            {
                return Results.Forbid();
            }

            var site = await Settings.SiteInfo.LoadAsync(db, ct);
            return Results.File(ResultsPdf.Write(data, site.AgencyName, today), "application/pdf", $"bao-cao-hai-long-{data.Query.Unit}-{data.Filter.From:yyyyMMdd}-{data.Filter.To:yyyyMMdd}.pdf");
        });
        return app;
    }

    /// <summary>The dashboard's query string, bound for minimal APIs.</summary>
    public sealed class DashboardQueryParameters
    {
        public string? Unit { get; set; }
        public string? Field { get; set; }
        public string? Channel { get; set; }
        public string? Respondent { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }

        public DashboardQuery ToQuery() => new() { Unit = Unit, Field = Field, Channel = Channel, Respondent = Respondent, From = From, To = To };
    }

    /// <summary>
    /// The tables of the screen in the language of <paramref name="culture"/>: <paramref name="text"/> translates a
    /// Vietnamese header or note (the PDF, an official Vietnamese document, passes the text through unchanged).
    /// </summary>
    public static IReadOnlyList<ExportTable> Tables(DashboardData data, CultureInfo culture, Func<string, string> text)
    {
        var english = !NumberText.IsVietnamese(culture);
        string Pick(string vi, string? en) => english && !string.IsNullOrWhiteSpace(en) ? en : vi;
        static Interval? Ci(Rate r) => r.N == 0 ? null : new Interval(Math.Round(r.Low, 1), Math.Round(r.High, 1));
        static object? Value(Rate r) => r.N == 0 ? null : Math.Round(r.Value, 1);
        string Sample(Rate r) => r.N == 0 ? text("chưa có") : r.IsSufficient ? "" : text("Chưa đủ mẫu");
        ExportTable Table(string name, string[] headers, IReadOnlyList<object?[]> rows) => new(ExportTables.Slug(name), text(name), [.. headers.Select(text)], rows);
        var f = data.Figures;
        return
        [
            Table("Tổng hợp", ["Đơn vị", "Từ ngày", "Đến ngày", "Số phiếu", "Chỉ số hài lòng (%)", "Khoảng tin cậy 95%", "Ghi chú", "Câu hỏi hài lòng chung (%)"],
                [[data.UnitName, data.Filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), data.Filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                  f.Responses, Value(f.Index), Ci(f.Index), Sample(f.Index), f.OverallQuestion is { } o ? Value(o.Rate) : null]]),
            Table("Yếu tố", ["Mã", "Yếu tố", "Chỉ số (%)", "Khoảng tin cậy 95%", "n", "Ghi chú"],
                [.. f.Elements.Select(e => new object?[] { e.Code, Pick(e.Name, e.NameEn), Value(e.Index), Ci(e.Index), e.Index.N, Sample(e.Index) })]),
            Table("Đơn vị", ["Hạng", "Mã đơn vị", "Đơn vị", "Chỉ số (%)", "Khoảng tin cậy 95%", "Số phiếu", "Ghi chú"],
                [.. data.Children.Select(c => new object?[] { c.Rank, c.Unit.Code, c.Unit.Name, Value(c.Figures.Index), Ci(c.Figures.Index), c.Figures.Responses, Sample(c.Figures.Index) })]),
            Table("Theo tháng", ["Tháng", "Chỉ số (%)", "Khoảng tin cậy 95%", "Số phiếu", "Ghi chú"],
                [.. data.Months.Select(m => new object?[] { m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), Value(m.Figures.Index), Ci(m.Figures.Index), m.Figures.Responses, Sample(m.Figures.Index) })]),
            Table("Theo cấp", ["Cấp", "Số lượt đánh giá", "Số lượt hài lòng", "Tỷ lệ (%)"],
                [.. data.Levels.Select(l => new object?[] { text(UnitsModel.LevelName(l.Level)), l.Ratings, l.Satisfied, Value(SatisfactionMath.RateOf(l.Satisfied, l.Ratings)) })]),
            Table("Tiêu chí", ["Mã", "Tiêu chí", "Tỷ lệ hài lòng (%)", "Khoảng tin cậy 95%", "n", "Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"],
                [.. f.Questions.Concat(f.OverallQuestion is null ? [] : [f.OverallQuestion]).Select(q => new object?[] { q.Code, Pick(q.Text, q.TextEn), Value(q.Rate), Ci(q.Rate), q.Rate.N }
                    .Concat(Enumerable.Range(1, 5).Select(v => (object?)q.Distribution.Where(d => d.Value == v).Sum(d => d.Count))).ToArray())]),
        ];
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, DashboardQueryParameters q, AppDb db, SatisfactionReport report, UnitScope scope, TimeProvider clock, IStringLocalizer<SharedResource> l,
        string format, string? table, CancellationToken ct)
    {
        var root = await scope.PathOfAsync(http.User, ct);
        if (root is null)
        {
            return Results.Forbid();
        }

        if (await DashboardData.LoadAsync(db, report, q.ToQuery(), root, SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime), ct) is not { } data)
        {
            return Results.Forbid();
        }

        var culture = CultureInfo.CurrentCulture;
        string Text(string vi) => l[vi];
        var tables = Tables(data, culture, Text);
        var name = $"hai-long-{data.Query.Unit}-{data.Filter.From:yyyyMMdd}-{data.Filter.To:yyyyMMdd}";
        if (format == "csv")
        {
            var chosen = tables.FirstOrDefault(t => t.Slug == table) ?? tables[2];
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ExportTables.ToCsv(chosen, culture, Text))).ToArray(), "text/csv; charset=utf-8", $"{name}-{chosen.Slug}.csv");
        }

        var buffer = await ExportTables.XlsxAsync(tables, Text, ct);
        return Results.File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }

    /// <summary>
    /// The daily rollup rows (counts, never individual responses) of the user's subtree for a period: written row by
    /// row to a temporary file, then streamed, so a year for the whole province needs no more memory than a page.
    /// </summary>
    /// <summary>Data rows in one Excel sheet: Excel's limit of 1,048,576 rows, less the header.</summary>
    public const int MaxRowsPerSheet = 1_048_575;

    private static async Task<IResult> DataExtractAsync(HttpContext http, AppDb db, UnitScope scope, TimeProvider clock, Microsoft.Extensions.Configuration.IConfiguration configuration, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var root = await scope.PathOfAsync(http.User, ct);
        if (root is null || !await DashboardData.SurveyedUnits(db, root).AnyAsync(ct))
        {
            return Results.Forbid();
        }

        var today = SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        var (start, end) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        var path = Path.Combine(Path.GetTempPath(), $"cv-extract-{Guid.NewGuid():N}.xlsx");
        var query = db.DailyRollups.AsNoTracking()
            .Where(r => r.Day >= start && r.Day <= end && r.Answers != "")
            .Join(db.Units.Where(u => u.Path.StartsWith(root)), r => r.UnitId, u => u.Id, (r, u) => new { r, u.Code })
            .Join(db.Fields, x => x.r.FieldId, f => f.Id, (x, f) => new { x.r, x.Code, Field = f.Code });
        var rowsPerSheet = configuration.GetValue("Exports:RowsPerSheet", MaxRowsPerSheet);
        // A line per question × value of each daily row: as many as the packed answers have entries (";" + 1).
        var lines = await query.SumAsync(x => (long)(x.r.Answers.Length - x.r.Answers.Replace(";", "").Length + 1), ct);
        var sheetCount = Math.Max(1, (int)((lines + rowsPerSheet - 1) / rowsPerSheet));
        using var rows = query
            .OrderBy(x => x.r.Day).ThenBy(x => x.r.UnitId)
            .Select(x => new { x.r.Day, Unit = x.Code, x.Field, x.r.ProcedureId, x.r.Channel, x.r.RespondentType, x.r.Answers })
            .AsEnumerable()
            .SelectMany(x => AnswerCounts.Parse(x.Answers).Select(a => new Dictionary<string, object?>
            {
                ["Ngày"] = x.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Đơn vị"] = x.Unit, ["Lĩnh vực"] = x.Field,
                ["Thủ tục"] = x.ProcedureId == 0 ? null : x.ProcedureId, ["Kênh"] = x.Channel.ToString().ToLowerInvariant(), ["Người trả lời"] = x.RespondentType,
                ["Câu hỏi"] = a.QuestionId, ["Giá trị"] = a.Value, ["Số lượng"] = a.Count,
            }))
            .GetEnumerator();

        // Excel holds 1,048,576 rows a sheet: a longer extract continues on "Dữ liệu 2", "Dữ liệu 3"…, every sheet
        // pulling its rows from the one query as it is written, so nothing is held in memory.
        IEnumerable<Dictionary<string, object?>> NextSheet()
        {
            for (var n = 0; n < rowsPerSheet && rows.MoveNext(); n++)
            {
                yield return rows.Current;
            }
        }

        var sheets = Enumerable.Range(1, sheetCount).ToDictionary(i => sheetCount == 1 ? "Dữ liệu" : $"Dữ liệu {i}", _ => (object)NextSheet());
        await MiniExcel.SaveAsAsync(path, sheets, cancellationToken: ct);
        http.Response.RegisterForDispose(new TemporaryFile(path));
        return Results.File(File.OpenRead(path), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"du-lieu-{start:yyyyMMdd}-{end:yyyyMMdd}.xlsx");
    }

    private sealed class TemporaryFile(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }
}
