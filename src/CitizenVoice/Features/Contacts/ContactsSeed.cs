using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Features.Contacts;

/// <summary>
/// Demo contact points: the province's desk for each field at the department that handles it, and the one-stop desk of
/// every district police. Addresses follow the demo units; the numbers are illustrative (the 0209 area code of Bắc Kạn)
/// and must be replaced with the agency's own before going live.
/// </summary>
internal sealed class ContactsSeed(AppDb db, IOptions<DatabaseOptions> options) : ISeeder
{
    private const string OfficeHours = "Thứ Hai – thứ Sáu: 7:30–11:30, 13:30–17:00; sáng thứ Bảy: 7:30–11:30";

    // Which provincial department guides citizens in which field, with its desk's illustrative numbers.
    private static readonly (string Unit, string Field, string Desk, string Phone)[] ProvinceDesks =
    [
        ("BK-PA08", "XNC", "Bộ phận tiếp nhận hồ sơ xuất nhập cảnh", "0209 3870 246"),
        ("BK-PC06", "CCCD", "Đội cấp căn cước", "0209 3870 318"),
        ("BK-PC06", "CU-TRU", "Đội quản lý cư trú", "0209 3870 319"),
        ("BK-PC06", "CON-DAU", "Đội quản lý con dấu", "0209 3870 320"),
        ("BK-PC07", "PCCC", "Đội hướng dẫn, thẩm duyệt về phòng cháy, chữa cháy", "0209 3873 114"),
        ("BK-PC08", "DKX", "Đội đăng ký xe", "0209 3872 508"),
    ];

    public int Order => 50;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoData || await db.ContactPoints.AnyAsync(cancellationToken))
        {
            return;
        }

        var units = await db.Units.Active().ToListAsync(cancellationToken);
        var fields = await db.Fields.ToDictionaryAsync(f => f.Code, cancellationToken);
        var byCode = units.ToDictionary(u => u.Code);
        // The one-stop desk stays at Bắc Kạn's headquarters; it belongs to the province police of today (Bắc Kạn's, or
        // since 2025-07-01 Thái Nguyên's).
        var bacKan = await db.Units.SingleOrDefaultAsync(u => u.Code == "BK", cancellationToken);
        if (bacKan is null || !byCode.TryGetValue(await UnitTree.SuccessorCodeAsync(db, "BK", cancellationToken) ?? "BK", out var province))
        {
            return;
        }

        var order = 0;
        db.ContactPoints.Add(new ContactPoint
        {
            Unit = province, Name = "Bộ phận Một cửa Công an tỉnh", Hotline = "0209 3870 113", Email = "motcua@bk.citizenvoice.local",
            Address = bacKan.Address, ReceptionHours = OfficeHours, SortOrder = order++,
        });
        foreach (var (unit, field, desk, phone) in ProvinceDesks)
        {
            if (byCode.TryGetValue(unit, out var department) && fields.TryGetValue(field, out var serviceField))
            {
                db.ContactPoints.Add(new ContactPoint
                {
                    Unit = department, Field = serviceField, Name = desk, Phone = phone, Address = bacKan.Address,
                    ReceptionHours = OfficeHours, SortOrder = order++,
                });
            }
        }

        var district = 0;
        foreach (var unit in units.Where(u => u.Level == UnitLevel.District).OrderBy(u => u.Code, StringComparer.Ordinal))
        {
            district++;
            db.ContactPoints.Add(new ContactPoint
            {
                Unit = unit, Name = "Bộ phận tiếp nhận và trả kết quả", Hotline = unit.Hotline ?? $"0209 38{district:00} 113",
                Address = unit.Address ?? $"Trụ sở {unit.Name}", ReceptionHours = OfficeHours, SortOrder = order++,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
