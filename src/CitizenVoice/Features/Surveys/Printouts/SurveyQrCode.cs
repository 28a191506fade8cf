using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The QR code printed at a counter: it opens the stepped online form for that unit and field, one group of questions
/// per screen, because a QR code is scanned with a phone. The stepped form links to the single page for those who
/// prefer to see the whole paper-like form at once.
/// </summary>
public static class SurveyQrCode
{
    public static IEndpointRouteBuilder MapSurveyQrCode(this IEndpointRouteBuilder app)
    {
        app.MapGet("/khao-sat/{unitCode}/{fieldCode}/qr.png", Get).AllowAnonymous().WithTags("Surveys").ExcludeFromDescription();
        return app;
    }

    /// <summary>The stepped online form's address for a unit and field, as the QR code and the poster carry it.</summary>
    public static string FormUrl(SiteAddress site, string unitCode, string fieldCode) =>
        site.Link($"/khao-sat/{Uri.EscapeDataString(unitCode)}/{Uri.EscapeDataString(fieldCode)}/tung-buoc");

    private static async Task<Results<FileContentHttpResult, RedirectHttpResult, NotFound>> Get(string unitCode, string fieldCode, HttpContext http, AppDb db, SiteAddress site, CancellationToken ct)
    {
        var exists = await db.Units.Active().AnyAsync(u => u.Code == unitCode, ct)
            && await db.Fields.AnyAsync(f => f.Code == fieldCode && f.IsActive, ct);
        if (!exists)
        {
            return await Organisation.UnitTree.SuccessorCodeAsync(db, unitCode, ct) is { } successor
                ? TypedResults.Redirect($"/khao-sat/{Uri.EscapeDataString(successor)}/{Uri.EscapeDataString(fieldCode)}/qr.png")
                : TypedResults.NotFound();
        }

        var url = FormUrl(site, unitCode, fieldCode);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(10);
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.File(png, "image/png");
    }
}
