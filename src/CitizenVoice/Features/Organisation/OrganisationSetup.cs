using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Staff;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

public static class OrganisationSetup
{
    public static IHostApplicationBuilder AddOrganisation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ISeeder, OrganisationSeed>();
        builder.AddReorganisations();
        builder.Services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Organisation/UnitEdit", "/quan-tri/don-vi/{id:int}/sua");
            o.Conventions.AddPageRoute("/Organisation/FieldEdit", "/quan-tri/linh-vuc/{id:int}/sua");
            o.Conventions.AddPageRoute("/Organisation/ProcedureEdit", "/quan-tri/thu-tuc/{id:int}/sua");
            o.Conventions.AllowAnonymousToPage("/Organisation/Directory");
        });
        builder.Services.AddSingleton(new StaffArea(10, "Cây đơn vị", "Đơn vị các cấp, sáp nhập, lịch sử tên gọi.", "/quan-tri/don-vi", Roles.Administrator));
        builder.Services.AddSingleton(new StaffArea(20, "Lĩnh vực và thủ tục", "Lĩnh vực dịch vụ và thủ tục hành chính theo cấp.", "/quan-tri/linh-vuc", Roles.Administrator));
        return builder;
    }

    public static IEndpointRouteBuilder MapOrganisation(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Organisation").RequireRateLimiting(RateLimits.ApiRead).AllowAnonymous();
        api.MapGet("/units", GetUnits).WithName("GetUnits").WithSummary("The unit tree, including merged and inactive units.");
        api.MapGet("/fields", GetFields).WithName("GetFields").WithSummary("Service fields (lĩnh vực) with their procedures.");
        api.MapUnitFields();
        app.MapReorganisationTemplates();
        return app;
    }

    public sealed record UnitDto(
        string Code, string Name, string? NameEn, string Level, string? ParentCode, bool Active,
        string? GsoCode, DateOnly ValidFrom, DateOnly? ValidTo, string? SuccessorCode);

    public sealed record ProcedureDto(string Code, string Name, string? NameEn, string? NationalCode, int? ProcessingDays, string[] Levels);

    public sealed record FieldDto(string Code, string Name, string? NameEn, ProcedureDto[] Procedures);

    private static async Task<Ok<UnitDto[]>> GetUnits(AppDb db, CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Path)
            .Select(u => new { Unit = u, ParentCode = u.Parent!.Code, SuccessorCode = u.Successor!.Code })
            .ToListAsync(ct);
        return TypedResults.Ok(units.Select(x => new UnitDto(
            x.Unit.Code, x.Unit.Name, x.Unit.NameEn, x.Unit.Level.ToString().ToLowerInvariant(), x.ParentCode, x.Unit.IsActive,
            x.Unit.GsoCode, x.Unit.ValidFrom, x.Unit.ValidTo, x.SuccessorCode)).ToArray());
    }

    private static async Task<Ok<FieldDto[]>> GetFields(AppDb db, CancellationToken ct)
    {
        var fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).ToListAsync(ct);
        var procedures = await db.Procedures.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Name).ToListAsync(ct);
        return TypedResults.Ok(fields.Select(f => new FieldDto(
            f.Code, f.Name, f.NameEn,
            procedures.Where(p => p.FieldId == f.Id)
                .Select(p => new ProcedureDto(p.Code, p.Name, p.NameEn, p.NationalCode, p.ProcessingDays, LevelNames(p.Levels)))
                .ToArray())).ToArray());
    }

    private static string[] LevelNames(ProcedureLevels levels) =>
        Enum.GetValues<ProcedureLevels>().Where(l => l != ProcedureLevels.None && levels.HasFlag(l))
            .Select(l => l.ToString().ToLowerInvariant()).ToArray();
}
