using CitizenVoice.Infrastructure;
using System.ComponentModel.DataAnnotations;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Staff;

/// <summary>Creates a staff account (/quan-tri/can-bo/them) or edits one (/quan-tri/can-bo/{id}): unit, roles, password, disabled.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class StaffEditModel(
    CitizenVoice.Data.AppDb db, UserManager<StaffUser> users, UnitScope scope, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record UnitOption(int Id, string Code, string Name);

    [FromRoute]
    public string? Id { get; set; }

    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public IReadOnlyList<UnitOption> Units { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is not null)
        {
            var user = await users.FindByIdAsync(Id);
            if (user is null)
            {
                return NotFound();
            }

            if (!await InScopeAsync(user.UnitId))
            {
                return Forbid();
            }

            Input = new StaffInput
            {
                UserName = user.UserName!, FullName = user.FullName, Email = user.Email!, Position = user.Position, UnitId = user.UnitId,
                Roles = [.. await users.GetRolesAsync(user)], Disabled = user.IsDisabled,
            };
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = Id is null ? null : await users.FindByIdAsync(Id);
        if (Id is not null && user is null)
        {
            return NotFound();
        }

        if (user is not null && !await InScopeAsync(user.UnitId))
        {
            return Forbid();
        }

        if (!await InScopeAsync(Input.UnitId))
        {
            ModelState.AddModelError("Input.UnitId", l["Vui lòng chọn đơn vị trong phạm vi quản lý của bạn."]);
        }

        if (Input.Roles.Count == 0 || Input.Roles.Except(Roles.All).Any())
        {
            ModelState.AddModelError("Input.Roles", l["Vui lòng chọn ít nhất một vai trò."]);
        }

        if (user is null && string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", l["Vui lòng nhập {0}.", l["Mật khẩu"]]);
        }

        if (user is not null && user.Id == users.GetUserId(User) && (Input.Disabled || !Input.Roles.Contains(Roles.Administrator)))
        {
            ModelState.AddModelError(string.Empty, l["Bạn không thể tự khóa tài khoản của mình hay bỏ vai trò quản trị của chính mình."]);
        }

        if (ModelState.IsValid)
        {
            var ok = user is null ? await CreateAsync() : await UpdateAsync(user);
            if (ok)
            {
                TempData["Message"] = l["Đã lưu tài khoản {0}.", Input.UserName].Value;
                return Redirect("/quan-tri/can-bo");
            }
        }

        await LoadAsync();
        return Page();
    }

    private async Task<bool> CreateAsync()
    {
        var user = new StaffUser
        {
            UserName = Input.UserName.Trim(), Email = Input.Email.Trim(), EmailConfirmed = true,
            FullName = Input.FullName.Trim(), Position = Input.Position?.Trim(), UnitId = Input.UnitId,
        };
        return Check(await users.CreateAsync(user, Input.Password!)) && Check(await users.AddToRolesAsync(user, Input.Roles));
    }

    private async Task<bool> UpdateAsync(StaffUser user)
    {
        user.FullName = Input.FullName.Trim();
        user.Email = Input.Email.Trim();
        user.Position = Input.Position?.Trim();
        user.UnitId = Input.UnitId;
        user.LockoutEnd = Input.Disabled ? DateTimeOffset.MaxValue : null;
        if (!Check(await users.UpdateAsync(user)))
        {
            return false;
        }

        var current = await users.GetRolesAsync(user);
        if (!Check(await users.RemoveFromRolesAsync(user, current.Except(Input.Roles))) ||
            !Check(await users.AddToRolesAsync(user, Input.Roles.Except(current))))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(Input.Password))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            if (!Check(await users.ResetPasswordAsync(user, token, Input.Password)))
            {
                return false;
            }
        }

        // Role, unit or lock changes take effect on the user's next request, not at the end of their cookie.
        await users.UpdateSecurityStampAsync(user);
        return true;
    }

    private bool Check(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            var key = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                : error.Code.Contains("Email", StringComparison.Ordinal) ? "Input.Email"
                : error.Code.Contains("UserName", StringComparison.Ordinal) ? "Input.UserName" : string.Empty;
            ModelState.AddModelError(key, error.Description);
        }

        return result.Succeeded;
    }

    private async Task<bool> InScopeAsync(int unitId) => (await authorization.AuthorizeAsync(User, unitId, UnitScope.Policy)).Succeeded;

    private async Task LoadAsync()
    {
        var within = await scope.WithinAsync(User);
        var units = await within.AsNoTracking().Active()
            .Select(u => new UnitOption(u.Id, u.Code, LocalName.Of(u.Name, u.NameEn))).ToListAsync();
        Units = [.. units.OrderBy(u => u.Code, StringComparer.Ordinal)];
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, within, HttpContext.RequestAborted);
    }
}

public sealed class StaffInput
{
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [RegularExpression(@"^[a-zA-Z0-9._@-]{3,64}$", ErrorMessage = "Tên đăng nhập gồm 3–64 ký tự: chữ không dấu, số và . _ - @")]
    [Display(Name = "Tên đăng nhập")]
    public string UserName { get; set; } = "";

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [StringLength(120, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Họ và tên")]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [EmailAddress(ErrorMessage = "Email không hợp lệ.")]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [StringLength(120, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Chức vụ")]
    public string? Position { get; set; }

    [Display(Name = "Đơn vị")]
    public int UnitId { get; set; }

    [Display(Name = "Vai trò")]
    public List<string> Roles { get; set; } = [];

    [DataType(DataType.Password)]
    [Display(Name = "Mật khẩu")]
    public string? Password { get; set; }

    [Display(Name = "Khóa tài khoản")]
    public bool Disabled { get; set; }
}
