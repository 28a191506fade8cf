using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Organisation;

[Authorize(Policy = Policies.Administrator)]
public sealed class UnitsModel(UnitScope scope) : PageModel
{
    public sealed record Row(int Id, int? ParentId, string Code, string Name, UnitLevel Level, bool Active, DateOnly? ValidTo, string? SuccessorName);

    public IReadOnlyList<Row> Units { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool ShowInactive { get; set; }

    public async Task OnGetAsync()
    {
        var within = await scope.WithinAsync(User);
        var units = ShowInactive ? within : within.Active();
        Units = [.. (await units.AsNoTracking().Select(u => new { Unit = u, SuccessorName = u.Successor!.Name, SuccessorNameEn = u.Successor.NameEn }).ToListAsync())
            .Select(x => new Row(x.Unit.Id, x.Unit.ParentId, x.Unit.Code, LocalName.Of(x.Unit.Name, x.Unit.NameEn), x.Unit.Level, x.Unit.IsActive, x.Unit.ValidTo,
                x.SuccessorName is null ? null : LocalName.Of(x.SuccessorName, x.SuccessorNameEn)))];
        // Sorted here, not in SQL: the database's collation does not know that Đ comes after D in Vietnamese.
        Units = [.. Units.OrderBy(u => u.Level == UnitLevel.Department).ThenBy(u => u.Name, Infrastructure.Localisation.VietnameseOrder)];
    }

    public static string LevelName(UnitLevel level) => level switch
    {
        UnitLevel.Province => "Cấp tỉnh",
        UnitLevel.District => "Cấp huyện",
        UnitLevel.Commune => "Cấp xã",
        _ => "Phòng, đơn vị nghiệp vụ",
    };
}
