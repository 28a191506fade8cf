using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Staff;

/// <summary>Identity's error messages in the user's language (Vietnamese by default).</summary>
internal sealed class VietnameseIdentityErrors(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string message) => new() { Code = code, Description = message };

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), l["Tên đăng nhập {0} đã được dùng.", userName]);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), l["Email {0} đã được dùng cho tài khoản khác.", email]);
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), l["Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự . _ - @"]);
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), l["Email không hợp lệ."]);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), l["Mật khẩu phải có ít nhất {0} ký tự.", length]);
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), l["Mật khẩu phải có ít nhất một chữ số."]);
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), l["Mật khẩu phải có ít nhất một chữ thường."]);
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), l["Mật khẩu phải có ít nhất một chữ hoa."]);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), l["Mật khẩu phải có ít nhất một ký tự đặc biệt (ví dụ ! @ #)."]);
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), l["Mật khẩu hiện tại không đúng."]);
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), l["Tài khoản đã có vai trò này."]);
    public override IdentityError DefaultError() => Error(nameof(DefaultError), l["Không thực hiện được. Vui lòng thử lại."]);
}
