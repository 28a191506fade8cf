using CitizenVoice.Infrastructure;
using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace CitizenVoice.Features.Staff;

[Authorize(Policy = Policies.Staff)]
public sealed class AccountModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AppDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public string FullName { get; private set; } = "";
    public string UnitName { get; private set; } = "";
    public bool TwoFactorEnabled { get; private set; }
    public string AuthenticatorKey { get; private set; } = "";
    public string QrCodeDataUri { get; private set; } = "";

    [BindProperty]
    public PasswordChange Password { get; set; } = new();

    [BindProperty]
    [Display(Name = "Mã xác thực")]
    public string? VerificationCode { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        ModelState.Remove(nameof(VerificationCode));
        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, Password.Current, Password.New);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                TempData["Message"] = l["Đã đổi mật khẩu."].Value;
                return RedirectToPage();
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableTwoFactorAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var code = (VerificationCode ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            // Enabling changes the security stamp; a fresh cookie keeps this session (others are signed out).
            await signIn.RefreshSignInAsync(user);
            TempData["Message"] = l["Đã bật xác thực hai bước."].Value;
            return RedirectToPage();
        }

        ModelState.AddModelError(nameof(VerificationCode), l["Mã xác thực không đúng hoặc đã hết hạn."]);
        ModelState.Remove("Password.Current");
        ModelState.Remove("Password.New");
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// The authenticator key is made only when asked for, by a post: creating it changes the security stamp, which
    /// signs the account out everywhere within a minute, so merely opening this page must not do it.
    /// </summary>
    public async Task<IActionResult> OnPostCreateKeyAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableTwoFactorAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = l["Đã tắt xác thực hai bước."].Value;
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return false;
        }

        FullName = user.FullName;
        UnitName = await db.Units.Where(u => u.Id == user.UnitId).Select(u => LocalName.Of(u.Name, u.NameEn)).SingleAsync();
        TwoFactorEnabled = user.TwoFactorEnabled;
        if (!TwoFactorEnabled)
        {
            // Read only: a GET never creates or changes the key (see OnPostCreateKeyAsync).
            if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
            {
                AuthenticatorKey = key;
                var uri = $"otpauth://totp/CitizenVoice:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer=CitizenVoice&digits=6";
                using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
                QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(5));
            }
        }

        return true;
    }
}

public sealed class PasswordChange
{
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mật khẩu hiện tại")]
    public string Current { get; set; } = "";

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mật khẩu mới")]
    public string New { get; set; } = "";
}
