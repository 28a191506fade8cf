using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Staff;

public sealed class SignOutModel(SignInManager<StaffUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync([FromQuery(Name = "ly-do")] string? reason)
    {
        await signIn.SignOutAsync();
        return reason == "het-phien" ? Redirect("/dang-nhap?het-phien=true") : Redirect("/");
    }
}
