using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Staff;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Contacts;

/// <summary>The contact directory: where citizens get help with administrative procedures, per unit and field.</summary>
public static class ContactsSetup
{
    public static IHostApplicationBuilder AddContacts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ISeeder, ContactsSeed>();
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions
            .AddPageRoute("/Contacts/ContactEdit", "/quan-tri/danh-ba/{id:int}/sua")
            .AllowAnonymousToPage("/Contacts/ContactDirectoryPage"));
        builder.Services.AddSingleton(new StaffArea(25, "Danh bạ đầu mối hỗ trợ thủ tục", "Đường dây nóng, email, địa chỉ, giờ tiếp dân theo đơn vị và lĩnh vực.", "/quan-tri/danh-ba", Roles.Administrator));
        return builder;
    }

    public sealed record ContactDto(
        string UnitCode, string UnitName, string? FieldCode, string Name, string? Hotline, string? Phone, string? Email,
        string? Address, string? ReceptionHours);

    public static IEndpointRouteBuilder MapContacts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/contacts", GetContacts).WithTags("Contacts").RequireRateLimiting(RateLimits.ApiRead).AllowAnonymous()
            .WithName("GetContacts")
            .WithSummary("Contact points that guide citizens with administrative procedures; q matches words with or without diacritics, field keeps one field's desks and those for every field.");
        return app;
    }

    private static async Task<Ok<ContactDto[]>> GetContacts(string? q, string? field, AppDb db, CancellationToken ct)
    {
        var entries = await ContactDirectory.FindAsync(db, q is { Length: > 200 } ? q[..200] : q, field, ct);
        return TypedResults.Ok(entries.Select(e => new ContactDto(
            e.UnitCode, e.UnitName, e.FieldCode, e.Name, e.Hotline, e.Phone, e.Email, e.Address, e.ReceptionHours)).ToArray());
    }
}
