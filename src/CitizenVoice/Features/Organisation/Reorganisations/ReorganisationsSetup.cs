using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

/// <summary>Reorganisations from a mapping file: the services, the staff area's entry and the templates.</summary>
public static class ReorganisationsSetup
{
    public static IHostApplicationBuilder AddReorganisations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReorganisationApply>();
        builder.Services.AddScoped<ISeeder, ReorganisationStorySeed>();
        builder.Services.AddSingleton(new StaffArea(11, "Tổ chức lại đơn vị",
            "Sáp nhập, đổi tên, chuyển, bãi bỏ cấp và tạo đơn vị mới theo tệp, có xem trước; lịch sử tổ chức lại.", "/quan-tri/to-chuc-lai", Roles.Administrator));
        return builder;
    }

    public static IEndpointRouteBuilder MapReorganisationTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/quan-tri/to-chuc-lai").RequireAuthorization(Policies.Administrator).WithTags("Organisation").ExcludeFromDescription();
        group.MapGet("/mau.csv", async (AppDb db, HttpContext http, CancellationToken ct) =>
        {
            var (province, district, commune1, commune2) = await ExampleAsync(db, http, ct);
            return TypedResults.File(ReorganisationFile.TemplateCsv(province, district, commune1, commune2), "text/csv; charset=utf-8", "mau-to-chuc-lai.csv");
        });
        group.MapGet("/mau.xlsx", async (AppDb db, HttpContext http, CancellationToken ct) =>
        {
            var (province, district, commune1, commune2) = await ExampleAsync(db, http, ct);
            return TypedResults.File(ReorganisationFile.TemplateXlsx(province, district, commune1, commune2),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "mau-to-chuc-lai.xlsx");
        });
        return app;
    }

    /// <summary>
    /// The example rows name real units of the administrator's tree (two communes of one district and the province above
    /// it), so the template passes the check as it is and shows what a preview looks like.
    /// </summary>
    private static async Task<(string Province, string District, string Commune1, string Commune2)> ExampleAsync(AppDb db, HttpContext http, CancellationToken ct)
    {
        var within = await http.RequestServices.GetRequiredService<UnitScope>().WithinAsync(http.User, ct);
        var units = await within.AsNoTracking().Active().Select(u => new { u.Id, u.Code, u.Level, u.ParentId }).ToListAsync(ct);
        var communes = units.Where(u => u.Level == UnitLevel.Commune && u.ParentId is not null).OrderBy(u => u.Code, StringComparer.Ordinal)
            .GroupBy(u => u.ParentId!.Value).FirstOrDefault(g => g.Count() >= 2)?.Take(2).ToList();
        var district = communes is null ? null : units.FirstOrDefault(u => u.Id == communes[0].ParentId && u.Level == UnitLevel.District);
        var province = district is null ? null : units.FirstOrDefault(u => u.Id == district.ParentId);
        return province is null
            ? ("MA-TINH", "MA-HUYEN", "MA-XA-1", "MA-XA-2")
            : (province.Code, district!.Code, communes![0].Code, communes[1].Code);
    }
}
