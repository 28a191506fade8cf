using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Organisation;

[Authorize(Policy = Policies.Administrator)]
public sealed class FieldEditModel(AppDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    [FromRoute]
    public int? Id { get; set; }

    [BindProperty]
    public FieldInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var field = await db.Fields.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id);
            if (field is null)
            {
                return NotFound();
            }

            Input = new FieldInput { Code = field.Code, Name = field.Name, NameEn = field.NameEn, SortOrder = field.SortOrder, IsActive = field.IsActive };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Code = (Input.Code ?? "").Trim().ToUpperInvariant();
        var field = Id is { } id ? await db.Fields.SingleOrDefaultAsync(f => f.Id == id) : null;
        if (Id is not null && field is null)
        {
            return NotFound();
        }

        if (await db.Fields.AnyAsync(f => f.Code == Input.Code && f.Id != (Id ?? 0)))
        {
            ModelState.AddModelError("Input.Code", l["Mã lĩnh vực {0} đã được dùng.", Input.Code]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        field ??= db.Fields.Add(new ServiceField { Code = Input.Code, Name = Input.Name }).Entity;
        field.Code = Input.Code;
        field.Name = Input.Name.Trim();
        field.NameEn = string.IsNullOrWhiteSpace(Input.NameEn) ? null : Input.NameEn.Trim();
        field.SortOrder = Input.SortOrder;
        field.IsActive = Input.IsActive;
        await db.SaveChangesAsync();
        TempData["Message"] = l["Đã lưu lĩnh vực {0}.", field.Name].Value;
        return Redirect("/quan-tri/linh-vuc");
    }
}

public sealed class FieldInput
{
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9-]{0,19}$", ErrorMessage = "Mã lĩnh vực chỉ gồm chữ không dấu, số và dấu gạch ngang, tối đa 20 ký tự.")]
    [Display(Name = "Mã lĩnh vực")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [StringLength(200, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Tên lĩnh vực")]
    public string Name { get; set; } = "";

    [StringLength(200, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Tên tiếng Anh")]
    public string? NameEn { get; set; }

    [Range(0, 1000, ErrorMessage = "{0} từ {1} đến {2}.")]
    [Display(Name = "Thứ tự hiển thị")]
    public int SortOrder { get; set; }

    [Display(Name = "Đang dùng")]
    public bool IsActive { get; set; } = true;
}
