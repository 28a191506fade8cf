using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Organisation;

/// <summary>Adds a unit under a parent (/quan-tri/don-vi/them) or edits one (/quan-tri/don-vi/{id}/sua).</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class UnitEditModel(AppDb db, UnitScope scope, IAuthorizationService authorization, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public sealed record Option(int Id, string Code, string Name);

    [BindProperty]
    public UnitInput Input { get; set; } = new();

    [FromRoute]
    public int? Id { get; set; }

    public bool IsNew => Id is null;
    public IReadOnlyList<Option> ParentOptions { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];
    public IReadOnlyList<UnitNameRecord> History { get; private set; } = [];

    /// <summary>The ids of the fields the unit serves: the only fields citizens can rate it for.</summary>
    [BindProperty]
    public List<int> FieldIds { get; set; } = [];

    public IReadOnlyList<Option> FieldOptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? parentId)
    {
        if (Id is { } id)
        {
            var unit = await db.Units.Include(u => u.NameHistory).AsNoTracking().SingleOrDefaultAsync(u => u.Id == id);
            if (unit is null)
            {
                return NotFound();
            }

            if (!await InScopeAsync(unit.Id))
            {
                return Forbid();
            }

            Input = UnitInput.From(unit);
            History = unit.NameHistory.OrderBy(h => h.ValidTo).ToList();
            FieldIds = await db.UnitFields.Where(s => s.UnitId == id).Select(s => s.FieldId).ToListAsync();
        }
        else
        {
            var parent = parentId is { } p ? await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == p) : null;
            Input = new UnitInput
            {
                ParentId = parentId,
                Level = parent?.Level switch { UnitLevel.Province => UnitLevel.District, _ => UnitLevel.Commune },
                ValidFrom = DateOnly.FromDateTime(clock.GetLocalNow().DateTime),
                Code = parent is null ? "" : parent.Code + "-",
            };
        }

        await LoadOptionsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Code = (Input.Code ?? "").Trim().ToUpperInvariant();
        Input.Name = (Input.Name ?? "").Trim();
        var unit = Id is { } id ? await db.Units.SingleOrDefaultAsync(u => u.Id == id) : null;
        if (Id is not null && unit is null)
        {
            return NotFound();
        }

        if (unit is not null && !await InScopeAsync(unit.Id))
        {
            return Forbid();
        }

        var parent = Input.ParentId is { } parentId ? await db.Units.SingleOrDefaultAsync(u => u.Id == parentId) : null;
        if (parent is null || !await InScopeAsync(parent.Id))
        {
            ModelState.AddModelError("Input.ParentId", l["Vui lòng chọn đơn vị cấp trên trong phạm vi quản lý của bạn."]);
        }
        else if (unit is not null && parent.Path.StartsWith(unit.Path, StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.ParentId", l["Không thể đặt đơn vị trực thuộc chính nó hoặc đơn vị cấp dưới của nó."]);
        }

        if (await db.Units.AnyAsync(u => u.Code == Input.Code && u.Id != (Id ?? 0)))
        {
            ModelState.AddModelError("Input.Code", l["Mã đơn vị {0} đã được dùng.", Input.Code]);
        }

        if (Input.ValidTo is { } to && to < Input.ValidFrom)
        {
            ModelState.AddModelError("Input.ValidTo", l["Ngày kết thúc phải sau ngày bắt đầu hiệu lực."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadOptionsAsync();
            return Page();
        }

        if (unit is null)
        {
            unit = new Unit { Code = Input.Code, Name = Input.Name };
            Input.ApplyTo(unit);
            unit.Parent = parent;
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            unit.Path = parent!.Path + unit.Id + "/";
        }
        else
        {
            if (unit.Name != Input.Name || unit.AreaType != Input.AreaType)
            {
                // The old name is kept: reports for past periods print the name the unit had then.
                db.UnitNameHistory.Add(new UnitNameRecord
                {
                    UnitId = unit.Id, Name = unit.Name, NameEn = unit.NameEn, AreaType = unit.AreaType,
                    ValidTo = DateOnly.FromDateTime(clock.GetLocalNow().DateTime),
                });
            }

            Input.ApplyTo(unit);
            if (unit.ParentId != parent!.Id)
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await UnitTree.MoveAsync(db, unit, parent);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
        }

        await db.SaveChangesAsync();
        await SaveFieldsServedAsync(unit.Id);
        TempData["Message"] = l["Đã lưu đơn vị {0}.", unit.Name].Value;
        return Redirect("/quan-tri/don-vi");
    }

    private async Task SaveFieldsServedAsync(int unitId)
    {
        var chosen = await db.Fields.Where(f => FieldIds.Contains(f.Id)).Select(f => f.Id).ToListAsync();
        var current = await db.UnitFields.Where(s => s.UnitId == unitId).ToListAsync();
        db.UnitFields.RemoveRange(current.Where(s => !chosen.Contains(s.FieldId)));
        db.UnitFields.AddRange(chosen.Where(id => current.TrueForAll(s => s.FieldId != id)).Select(id => new UnitField { UnitId = unitId, FieldId = id }));
        await db.SaveChangesAsync();
    }

    private async Task<bool> InScopeAsync(int unitId) =>
        (await authorization.AuthorizeAsync(User, unitId, UnitScope.Policy)).Succeeded;

    private async Task LoadOptionsAsync()
    {
        var within = await scope.WithinAsync(User);
        var parents = within.Where(u => u.Id != (Id ?? 0));
        var options = await parents.AsNoTracking().Active()
            .Select(u => new Option(u.Id, u.Code, u.Name)).ToListAsync();
        ParentOptions = [.. options.OrderBy(o => o.Code, StringComparer.Ordinal)];
        FieldOptions = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).Select(f => new Option(f.Id, f.Code, f.Name)).ToListAsync();
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, parents, HttpContext.RequestAborted);
    }
}

public sealed class UnitInput
{
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$", ErrorMessage = "Mã đơn vị chỉ gồm chữ không dấu, số và dấu gạch ngang, tối đa 40 ký tự.")]
    [Display(Name = "Mã đơn vị")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [StringLength(200, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Tên đơn vị")]
    public string Name { get; set; } = "";

    [StringLength(200, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Tên tiếng Anh")]
    public string? NameEn { get; set; }

    [StringLength(40, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Loại đơn vị hành chính")]
    public string? AreaType { get; set; }

    [Display(Name = "Cấp")]
    public UnitLevel Level { get; set; } = UnitLevel.Commune;

    [Required(ErrorMessage = "Vui lòng chọn {0}.")]
    [Display(Name = "Đơn vị cấp trên")]
    public int? ParentId { get; set; }

    [Display(Name = "Hiệu lực từ ngày")]
    public DateOnly ValidFrom { get; set; }

    [Display(Name = "Hết hiệu lực từ ngày")]
    public DateOnly? ValidTo { get; set; }

    [RegularExpression("^[0-9]{2,5}$", ErrorMessage = "Mã thống kê gồm 2 đến 5 chữ số.")]
    [Display(Name = "Mã đơn vị hành chính (Tổng cục Thống kê)")]
    public string? GsoCode { get; set; }

    [StringLength(300, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Địa chỉ")]
    public string? Address { get; set; }

    [RegularExpression(@"^[0-9 .+()-]{3,40}$", ErrorMessage = "Số điện thoại chỉ gồm chữ số, dấu cách và các ký tự + . ( ) -")]
    [Display(Name = "Số điện thoại")]
    public string? Hotline { get; set; }

    [EmailAddress(ErrorMessage = "Email không hợp lệ.")]
    [Display(Name = "Email")]
    public string? Email { get; set; }

    public static UnitInput From(Unit unit) => new()
    {
        Code = unit.Code, Name = unit.Name, NameEn = unit.NameEn, AreaType = unit.AreaType, Level = unit.Level, ParentId = unit.ParentId,
        ValidFrom = unit.ValidFrom, ValidTo = unit.ValidTo, GsoCode = unit.GsoCode, Address = unit.Address,
        Hotline = unit.Hotline, Email = unit.Email,
    };

    public void ApplyTo(Unit unit)
    {
        unit.Code = Code;
        unit.Name = Name;
        unit.NameEn = string.IsNullOrWhiteSpace(NameEn) ? null : NameEn.Trim();
        unit.AreaType = string.IsNullOrWhiteSpace(AreaType) ? null : AreaType.Trim();
        unit.Level = Level;
        unit.ValidFrom = ValidFrom;
        unit.ValidTo = ValidTo;
        unit.GsoCode = string.IsNullOrWhiteSpace(GsoCode) ? null : GsoCode;
        unit.Address = string.IsNullOrWhiteSpace(Address) ? null : Address.Trim();
        unit.Hotline = string.IsNullOrWhiteSpace(Hotline) ? null : Hotline.Trim();
        unit.Email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
    }
}
