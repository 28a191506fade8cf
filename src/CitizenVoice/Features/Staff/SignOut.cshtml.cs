using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Staff;

public sealed class SignOutModel(SignInManager<StaffUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync([FromQuery(Name = "ly-do")] string? reason, [FromQuery] string? returnUrl)
    {
        await signIn.SignOutAsync();
        if (reason != "het-phien")
        {
            return Redirect("/");
        }

        // Signed out for being idle: signing in again leads back to the page the person was on.
        return Redirect($"/dang-nhap?het-phien=true&ReturnUrl={Uri.EscapeDataString(SignInModel.SafeReturnUrl(Url, returnUrl))}");
    }
}
