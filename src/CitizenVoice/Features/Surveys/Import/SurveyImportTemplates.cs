using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenVoice.Features.Surveys;

/// <summary>The import templates, whose columns follow the current questionnaire.</summary>
public static class SurveyImportTemplates
{
    public static IEndpointRouteBuilder MapSurveyImportTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/quan-tri/khao-sat/nhap-tep").RequireAuthorization(SurveyPolicies.SurveyTeam).WithTags("Surveys").ExcludeFromDescription();
        group.MapGet("/mau.csv", async (QuestionnaireCatalog catalog, CancellationToken ct) => await Template(catalog, "csv", ct));
        group.MapGet("/mau.xlsx", async (QuestionnaireCatalog catalog, CancellationToken ct) => await Template(catalog, "xlsx", ct));
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Template(QuestionnaireCatalog catalog, string kind, CancellationToken ct)
    {
        if (await catalog.CurrentAsync(ct) is not { } questionnaire)
        {
            return TypedResults.NotFound();
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"mau-nhap-phieu-{questionnaire.Code}-v{questionnaire.Version}.{kind}");
        return kind == "csv"
            ? TypedResults.File(SpreadsheetImport.TemplateCsv(questionnaire), "text/csv; charset=utf-8", name)
            : TypedResults.File(SpreadsheetImport.TemplateXlsx(questionnaire), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }
}
