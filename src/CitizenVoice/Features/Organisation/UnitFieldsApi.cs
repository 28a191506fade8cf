using CitizenVoice.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Organisation;

/// <summary>GET /api/v1/units/{code}/fields: the fields a unit serves, so a kiosk or another system offers only those.</summary>
public static class UnitFieldsApi
{
    public sealed record ServedFieldDto(string Code, string Name, string? NameEn);

    public static RouteHandlerBuilder MapUnitFields(this RouteGroupBuilder api) =>
        api.MapGet("/units/{code}/fields", GetFieldsServed).WithName("GetUnitFields")
            .WithSummary("The service fields (lĩnh vực) a unit serves: the only fields it can be rated for. 404 for an unknown unit code.");

    private static async Task<Results<Ok<ServedFieldDto[]>, ProblemHttpResult>> GetFieldsServed(
        string code, AppDb db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var unitCode = code.Trim();
        if (unitCode.Length == 0 || !await db.Units.AnyAsync(u => u.Code == unitCode, ct))
        {
            return TypedResults.Problem(title: l["Không có đơn vị nào mang mã {0}.", unitCode], statusCode: StatusCodes.Status404NotFound);
        }

        return TypedResults.Ok(await db.FieldsServedBy(unitCode).AsNoTracking().Select(f => new ServedFieldDto(f.Code, f.Name, f.NameEn)).ToArrayAsync(ct));
    }
}
