using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Staff;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Settings;

/// <summary>What every page shows of the site settings (the logo bytes stay in the database).</summary>
public sealed record SiteInfo(string AgencyName, string? AgencyNameEn, string? Address, string? Hotline, string? Email, bool HasLogo, long Version)
{
    public string NameFor(System.Globalization.CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(AgencyNameEn) ? AgencyNameEn : AgencyName;

    public static async Task<SiteInfo> LoadAsync(AppDb db, CancellationToken cancellationToken = default) =>
        await db.SiteSettings.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new SiteInfo(s.AgencyName, s.AgencyNameEn, s.Address, s.Hotline, s.Email, s.Logo != null, s.UpdatedAt.Ticks))
            .FirstOrDefaultAsync(cancellationToken)
        ?? new SiteInfo("CitizenVoice", null, null, null, null, false, 0);
}

public static class SettingsSetup
{
    public static IHostApplicationBuilder AddSettings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ISeeder, SettingsSeed>();
        builder.Services.AddSingleton(new StaffArea(80, "Cài đặt trang", "Tên cơ quan, địa chỉ, đường dây nóng, email, logo.", "/quan-tri/cai-dat", Roles.Administrator));
        builder.Services.AddSingleton(new StaffArea(95, "Nhật ký thay đổi", "Ai đã thay đổi gì, khi nào: trước và sau.", "/quan-tri/nhat-ky", Roles.Administrator));
        return builder;
    }

    public static IEndpointRouteBuilder MapSettings(this IEndpointRouteBuilder app)
    {
        // Stored in the database, not on disk, so every copy of the app serves the same logo.
        app.MapGet("/site/logo", async (AppDb db, CancellationToken ct) =>
        {
            var logo = await db.SiteSettings.AsNoTracking().OrderBy(s => s.Id).Select(s => s.Logo).FirstOrDefaultAsync(ct);
            // Typed by its bytes, so a logo stored before only raster images were accepted (an SVG) is not served.
            return logo is { } bytes && LogoImage.TypeOf(bytes) is { } type ? Results.File(bytes, type) : Results.NotFound();
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

internal sealed class SettingsSeed(AppDb db, IConfiguration configuration, Microsoft.Extensions.Options.IOptions<DatabaseOptions> options, TimeProvider clock) : ISeeder
{
    public int Order => 5;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.SiteSettings.AnyAsync(cancellationToken))
        {
            return;
        }

        var site = configuration.GetSection("Site");
        // The demo that tells the 2025 reform (Organisation's ReorganisationStorySeed) is run today by Thái Nguyên's
        // police, from the former Bắc Kạn headquarters, whose address lost its district and province in the reform.
        var thaiNguyen = options.Value.SeedDemoData && configuration.GetValue("Seed:Reorganisation2025", false);
        db.SiteSettings.Add(new SiteSettings
        {
            AgencyName = site["AgencyName"] ?? (thaiNguyen ? "Công an tỉnh Thái Nguyên" : "Công an tỉnh Bắc Kạn"),
            AgencyNameEn = site["AgencyNameEn"] ?? (thaiNguyen ? "Thái Nguyên Provincial Police" : "Bắc Kạn Provincial Police"),
            Address = site["Address"] ?? (thaiNguyen ? "Đường Trường Chinh, phường Đức Xuân, tỉnh Thái Nguyên" : "Đường Trường Chinh, phường Đức Xuân, thành phố Bắc Kạn, tỉnh Bắc Kạn"),
            Hotline = site["Hotline"] ?? "0209 3870 336",
            Email = site["Email"] ?? "congan@bk.citizenvoice.local",
            UpdatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
