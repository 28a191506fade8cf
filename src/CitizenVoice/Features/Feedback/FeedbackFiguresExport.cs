using System.Globalization;
using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Staff;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Feedback;

/// <summary>The feedback figures as XLSX (every table a sheet), CSV (one table) and a PDF report, like the satisfaction results.</summary>
public static class FeedbackFiguresExport
{
    public static IEndpointRouteBuilder MapFeedbackFiguresExport(this IEndpointRouteBuilder app)
    {
        var leaders = app.MapGroup(FeedbackFiguresModel.Path)
            .RequireAuthorization(new AuthorizeAttribute { Policy = Policies.Staff, Roles = string.Join(',', FeedbackSetup.FigureRoles) })
            .ExcludeFromDescription();
        leaders.MapGet("/xuat.xlsx", (HttpContext http, AppDb db, UnitScope scope, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            ExportAsync(http, db, scope, clock, l, "xlsx", ct));
        leaders.MapGet("/xuat.csv", (HttpContext http, AppDb db, UnitScope scope, TimeProvider clock, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            ExportAsync(http, db, scope, clock, l, "csv", ct));
        leaders.MapGet("/bao-cao.pdf", async (HttpContext http, AppDb db, UnitScope scope, TimeProvider clock, CancellationToken ct) =>
        {
            if (await LoadAsync(http, db, scope, clock, ct) is not { } figures)
            {
                return Results.Forbid();
            }

            var site = await Settings.SiteInfo.LoadAsync(db, ct);
            return Results.File(FeedbackFiguresPdf.Write(figures, site.AgencyName), "application/pdf", $"{FileName(figures)}.pdf");
        });
        return app;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext http, AppDb db, UnitScope scope, TimeProvider clock, IStringLocalizer<SharedResource> l, string format, CancellationToken ct)
    {
        if (await LoadAsync(http, db, scope, clock, ct) is not { } figures)
        {
            return Results.Forbid();
        }

        string Text(string vi) => l[vi];
        var tables = figures.Tables(Text);
        if (format == "csv")
        {
            var chosen = tables.FirstOrDefault(t => t.Slug == http.Request.Query["bang"].ToString()) ?? tables[0];
            var csv = ExportTables.ToCsv(chosen, CultureInfo.CurrentCulture, Text);
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"{FileName(figures)}-{chosen.Slug}.csv");
        }

        var buffer = await ExportTables.XlsxAsync(tables, Text, ct);
        return Results.File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName(figures) + ".xlsx");
    }

    /// <summary>The page's own query (don-vi, tu, den); dates that do not parse are left to their defaults, as on the page.</summary>
    private static Task<FeedbackFigures?> LoadAsync(HttpContext http, AppDb db, UnitScope scope, TimeProvider clock, CancellationToken ct)
    {
        static DateOnly? Date(string? text) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        var query = http.Request.Query;
        return FeedbackFiguresModel.LoadAsync(db, scope, http.User, query["don-vi"].ToString(), Date(query["tu"]), Date(query["den"]), VietnamTime.Today(clock), ct);
    }

    private static string FileName(FeedbackFigures f) => $"phan-anh-kien-nghi-{f.UnitCode}-{f.From:yyyyMMdd}-{f.To:yyyyMMdd}";
}
