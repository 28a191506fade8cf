using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Staff;

public sealed class SignInModel(SignInManager<StaffUser> signIn, SignInThrottle throttle, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
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

        var userName = Input.UserName.Trim();
        var address = HttpContext.Connection.RemoteIpAddress;
        switch (await throttle.CheckAsync(address, userName))
        {
            case SignInThrottle.Verdict.AddressBlocked:
                ModelState.AddModelError(string.Empty, l["Có quá nhiều lần đăng nhập sai từ địa chỉ mạng của bạn. Vui lòng thử lại sau {0} phút.", throttle.WindowMinutes]);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            case SignInThrottle.Verdict.AccountLockedForAddress:
                ModelState.AddModelError(string.Empty, l["Đăng nhập sai nhiều lần: tài khoản tạm thời bị khóa từ địa chỉ mạng này. Vui lòng thử lại sau {0} phút hoặc liên hệ quản trị.", throttle.WindowMinutes]);
                return Page();
        }

        // Identity's own lockout counts per account from anywhere, which would let a stranger lock anyone out: the
        // throttle above counts per address instead. A disabled account still answers "locked out".
        var result = await signIn.PasswordSignInAsync(userName, Input.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.SucceededAsync(address, userName);
        }

        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInCode", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, l["Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần hoặc đã bị vô hiệu hóa. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị."]);
            return Page();
        }

        // A wrong password is answered a little later each time, so guessing is slow; the right one never waits.
        await Task.Delay(await throttle.FailedAsync(address, userName), clock, HttpContext.RequestAborted);
        ModelState.AddModelError(string.Empty, l["Tên đăng nhập hoặc mật khẩu không đúng."]);
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
