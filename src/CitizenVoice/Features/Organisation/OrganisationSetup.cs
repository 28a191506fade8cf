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
        builder.Services.AddSingleton<UnitsOnDate.Cache>();
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
        api.MapGet("/units/search", SearchUnits).WithName("SearchUnits")
            .WithSummary("Active units whose name or code contains every word of q (diacritics optional), at most 20: what the unit picker offers as you type in a large tree.");
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

    public sealed record UnitMatchDto(int Id, string Code, string Name, string Level, string? Group);

    /// <summary>
    /// The search behind the unit picker of a large tree (<see cref="UnitPicker.LargeList"/>): a national tree's 3,300
    /// communes are not sent with every page, so the picker asks for the few that match what was typed. Units are public
    /// (see /api/v1/units); whether a page accepts the chosen one is for the page to check, as with any posted value.
    /// </summary>
    private static async Task<Ok<UnitMatchDto[]>> SearchUnits(AppDb db, CancellationToken ct, string? q = null)
    {
        // "Công an" begins every name, so it narrows nothing.
        var words = System.Text.RegularExpressions.Regex.Replace(TextFolding.Fold((q ?? "").Length > 100 ? q![..100] : q ?? "").ToLowerInvariant(), @"\bcong an\b", " ")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return TypedResults.Ok(Array.Empty<UnitMatchDto>());
        }

        var units = await db.Units.AsNoTracking().Active()
            .Select(u => new { u.Id, u.Code, u.Name, u.Level, Group = u.Parent!.Name }).ToListAsync(ct);
        var found = units
            .Where(u => words.All(w => (TextFolding.Fold(u.Name).ToLowerInvariant() + " " + u.Code.ToLowerInvariant()).Contains(w, StringComparison.Ordinal)))
            .OrderBy(u => u.Level).ThenBy(u => u.Name, Localisation.VietnameseOrder).Take(20)
            .Select(u => new UnitMatchDto(u.Id, u.Code, u.Name, u.Level.ToString().ToLowerInvariant(), u.Group));
        return TypedResults.Ok(found.ToArray());
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
