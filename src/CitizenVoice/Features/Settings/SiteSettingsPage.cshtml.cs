using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Settings;

[Authorize(Policy = Policies.Administrator)]
public sealed class SiteSettingsPageModel(AppDb db, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    private const int MaxLogoBytes = 512 * 1024;

    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    [BindProperty]
    [Display(Name = "Logo")]
    public IFormFile? Logo { get; set; }

    public async Task OnGetAsync()
    {
        var s = await db.SiteSettings.AsNoTracking().OrderBy(s => s.Id).FirstAsync();
        Input = new SettingsInput { AgencyName = s.AgencyName, AgencyNameEn = s.AgencyNameEn, Address = s.Address, Hotline = s.Hotline, Email = s.Email };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        byte[]? logo = null;
        string? logoType = null;
        if (Logo is not null)
        {
            if (Logo.Length <= MaxLogoBytes)
            {
                using var buffer = new MemoryStream();
                await Logo.CopyToAsync(buffer);
                logo = buffer.ToArray();
                // The file's own bytes decide, not the Content-Type the browser sent.
                logoType = LogoImage.TypeOf(logo);
            }

            if (logoType is null)
            {
                ModelState.AddModelError(nameof(Logo), l["Logo phải là ảnh PNG, JPEG hoặc WebP, tối đa 512 KB."]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var settings = await db.SiteSettings.OrderBy(s => s.Id).FirstAsync();
        settings.AgencyName = Input.AgencyName.Trim();
        settings.AgencyNameEn = Input.AgencyNameEn?.Trim();
        settings.Address = Input.Address?.Trim();
        settings.Hotline = Input.Hotline?.Trim();
        settings.Email = Input.Email?.Trim();
        settings.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        if (logo is not null)
        {
            settings.Logo = logo;
            settings.LogoContentType = logoType;
        }

        await db.SaveChangesAsync();
        TempData["Message"] = l["Đã lưu cài đặt."].Value;
        return RedirectToPage();
    }
}

public sealed class SettingsInput
{
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [StringLength(200, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Tên cơ quan")]
    public string AgencyName { get; set; } = "";

    [StringLength(200, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Tên cơ quan (tiếng Anh)")]
    public string? AgencyNameEn { get; set; }

    [StringLength(300, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Địa chỉ")]
    public string? Address { get; set; }

    [RegularExpression(@"^[0-9 .+()-]{3,40}$", ErrorMessage = "Số điện thoại chỉ gồm chữ số, dấu cách và các ký tự + . ( ) -")]
    [Display(Name = "Đường dây nóng")]
    public string? Hotline { get; set; }

    [EmailAddress(ErrorMessage = "Email không hợp lệ.")]
    [Display(Name = "Email")]
    public string? Email { get; set; }
}
