using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Staff;

public sealed class SignInModel(SignInManager<StaffUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [FromQuery(Name = "het-phien")]
    public bool SessionExpired { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInCode", new { ReturnUrl });
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? l["Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần hoặc đã bị vô hiệu hóa. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị."]
            : l["Tên đăng nhập hoặc mật khẩu không đúng."]);
        return Page();
    }

    /// <summary>Only an address on this site, by the same test LocalRedirect applies (no //host, /\\host, control characters).</summary>
    internal static string SafeReturnUrl(IUrlHelper url, string? returnUrl) =>
        returnUrl is { Length: > 1 } && url.IsLocalUrl(returnUrl) ? returnUrl : "/quan-tri";
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [Display(Name = "Tên đăng nhập")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mật khẩu")]
    public string Password { get; set; } = "";
}
