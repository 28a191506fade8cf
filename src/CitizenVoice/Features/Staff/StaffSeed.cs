using System.Security.Cryptography;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Staff;

/// <summary>
/// Creates the roles, and on a new install the staff accounts: an administrator always, one demo account per
/// role with demo data. The password comes from Seed:DemoPassword or is generated and printed once.
/// </summary>
internal sealed class StaffSeed(
    AppDb db, UserManager<StaffUser> users, RoleManager<IdentityRole> roles,
    IOptions<DatabaseOptions> options, IConfiguration configuration) : ISeeder
{
    private static readonly (string UserName, string FullName, string Role, string UnitCode, string Position)[] DemoAccounts =
    [
        ("admin", "Nguyễn Văn Hùng", Roles.Administrator, "BK", "Quản trị hệ thống"),
        ("lanhdao", "Hoàng Văn Thắng", Roles.Leader, "BK", "Giám đốc Công an tỉnh"),
        ("lanhdao.nganson", "Lục Văn Bình", Roles.Leader, "BK-NS", "Trưởng Công an huyện Ngân Sơn"),
        ("canbo.nganson", "Triệu Thị Lan", Roles.Officer, "BK-NS", "Cán bộ tiếp nhận hồ sơ"),
        ("canbo.babe", "Ma Văn Dũng", Roles.Officer, "BK-BB", "Cán bộ tiếp nhận hồ sơ"),
        ("thuky", "Nông Thị Hoa", Roles.Moderator, "BK-PV01", "Thư ký hội nghị đối thoại"),
        ("khaosat", "Đinh Thị Mai", Roles.SurveyTeam, "BK-PV01", "Tổ trưởng Tổ khảo sát độc lập"),
        // Two more members: paper forms are entered twice by two different members, and a third can reconcile them.
        ("khaosat2", "Bế Văn Toàn", Roles.SurveyTeam, "BK-PV01", "Thành viên Tổ khảo sát độc lập"),
        ("khaosat3", "Lường Thị Hạnh", Roles.SurveyTeam, "BK-PV01", "Thành viên Tổ khảo sát độc lập"),
        ("bientap", "Hà Thị Thu Trang", Roles.Editor, "BK-PV01", "Biên tập viên Trang thông tin điện tử"),
    ];

    public int Order => 20;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (await db.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var password = configuration["Seed:DemoPassword"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            // Letters, digits and a symbol so the generated password meets the password policy.
            password = "Cv-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('/', 'x').Replace('+', 'y') + "9a";
        }

        var accounts = options.Value.SeedDemoData ? DemoAccounts : DemoAccounts[..1];
        var unitIds = await db.Units.ToDictionaryAsync(u => u.Code, u => u.Id, cancellationToken);
        var rootUnit = await db.Units.Where(u => u.ParentId == null).Select(u => u.Id).FirstAsync(cancellationToken);
        foreach (var (userName, fullName, role, unitCode, position) in accounts)
        {
            var user = new StaffUser
            {
                // Real-looking, so overdue reminders read as they will in production, but on a reserved domain
                // (RFC 2606): a demo install pointed at a real mail server never mails the agency's real staff.
                UserName = userName, Email = $"{userName}@congan.backan.example", EmailConfirmed = true,
                FullName = fullName, Position = position, UnitId = unitIds.GetValueOrDefault(unitCode, rootUnit),
            };
            var result = await users.CreateAsync(user, password!);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Seed:DemoPassword does not meet the password policy: " +
                    string.Join(' ', result.Errors.Select(e => e.Code)));
            }

            await users.AddToRoleAsync(user, role);
        }

        // Written to the console, not the log: it is shown once to the person installing the system.
        Console.WriteLine();
        Console.WriteLine("CitizenVoice: staff accounts created. Sign in at /dang-nhap with:");
        foreach (var account in accounts)
        {
            Console.WriteLine($"  {account.UserName,-18} {Roles.DisplayName(account.Role)} — {account.UnitCode}");
        }

        Console.WriteLine(generated
            ? $"  password: {password}   (generated; set Seed:DemoPassword to choose it)"
            : "  password: the value of Seed:DemoPassword");
        Console.WriteLine();
    }
}
