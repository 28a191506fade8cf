using System.Globalization;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>The import templates, whose columns follow the current questionnaire.</summary>
public static class SurveyImportTemplates
{
    public static IEndpointRouteBuilder MapSurveyImportTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/quan-tri/khao-sat/nhap-tep").RequireAuthorization(SurveyPolicies.SurveyTeam).WithTags("Surveys").ExcludeFromDescription();
        group.MapGet("/mau.csv", async (QuestionnaireCatalog catalog, AppDb db, HttpContext http, TimeProvider clock, CancellationToken ct) => await Template(catalog, db, http, clock, "csv", ct));
        group.MapGet("/mau.xlsx", async (QuestionnaireCatalog catalog, AppDb db, HttpContext http, TimeProvider clock, CancellationToken ct) => await Template(catalog, db, http, clock, "xlsx", ct));
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Template(
        QuestionnaireCatalog catalog, AppDb db, HttpContext http, TimeProvider clock, string kind, CancellationToken ct)
    {
        if (await catalog.CurrentAsync(ct) is not { } questionnaire)
        {
            return TypedResults.NotFound();
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"mau-nhap-phieu-{questionnaire.Code}-v{questionnaire.Version}.{kind}");
        return kind == "csv"
            ? TypedResults.File(SpreadsheetImport.TemplateCsv(questionnaire), "text/csv; charset=utf-8", name)
            : TypedResults.File(SpreadsheetImport.TemplateXlsx(questionnaire, await ChoicesAsync(db, http, clock, ct)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    /// <summary>
    /// The units and fields listed in the guide sheet; the example row takes a commune the member may enter (outside
    /// their own unit and its subordinates), so that the template imports as it is.
    /// </summary>
    private static async Task<SpreadsheetImport.TemplateChoices> ChoicesAsync(AppDb db, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Active().Where(u => u.Level != Organisation.UnitLevel.Department)
            .OrderBy(u => u.Path).Select(u => new { u.Code, u.Name, u.Level }).ToListAsync(ct);
        var fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).Select(f => new { f.Code, f.Name }).ToListAsync(ct);
        var open = await http.RequestServices.GetRequiredService<SurveyIndependence>().UnitsOpenToAsync(http.User, ct);
        var example = await open.AsNoTracking().Active().Where(u => u.Level == Organisation.UnitLevel.Commune)
            .OrderBy(u => u.Code).Select(u => u.Code).FirstOrDefaultAsync(ct) ?? units.Select(u => u.Code).FirstOrDefault() ?? "";
        // A field the example unit serves, or the rules would refuse the example row.
        var exampleField = await db.FieldsServedBy(example).Select(f => f.Code).FirstOrDefaultAsync(ct);
        return new SpreadsheetImport.TemplateChoices(
            [.. units.Select(u => (u.Code, u.Name))], [.. fields.Select(f => (f.Code, f.Name))], example, exampleField,
            SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime));
    }
}
