using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Contacts;

[Authorize(Policy = Policies.Administrator)]
public sealed class ContactEditModel(AppDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Option(int Id, string Name);

    public sealed class ContactInput
    {
        [Required(ErrorMessage = "Vui lòng chọn đơn vị.")]
        [Display(Name = "Đơn vị")]
        public int? UnitId { get; set; }

        [Display(Name = "Lĩnh vực")]
        public int? FieldId { get; set; }

        [Required(ErrorMessage = "Vui lòng nhập tên đầu mối.")]
        [StringLength(200, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Tên đầu mối")]
        public string? Name { get; set; }

        [StringLength(40, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [RegularExpression(@"^\+?[0-9 .()-]{3,}$", ErrorMessage = "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch ngang.")]
        [Display(Name = "Đường dây nóng")]
        public string? Hotline { get; set; }

        [StringLength(40, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [RegularExpression(@"^\+?[0-9 .()-]{3,}$", ErrorMessage = "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch ngang.")]
        [Display(Name = "Điện thoại")]
        public string? Phone { get; set; }

        [StringLength(200, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [EmailAddress(ErrorMessage = "Địa chỉ email không hợp lệ.")]
        [Display(Name = "Email")]
        public string? Email { get; set; }

        [StringLength(300, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Địa chỉ")]
        public string? Address { get; set; }

        [StringLength(300, ErrorMessage = "Nội dung dài tối đa {1} ký tự.")]
        [Display(Name = "Giờ tiếp dân")]
        public string? ReceptionHours { get; set; }

        [Range(0, 100_000, ErrorMessage = "Thứ tự là một số từ {1} đến {2}.")]
        [Display(Name = "Thứ tự hiển thị")]
        public int SortOrder { get; set; }
    }

    public int? Id { get; private set; }

    [BindProperty]
    public ContactInput Input { get; set; } = new();

    public IReadOnlyList<UnitChoices.Group> UnitGroups { get; private set; } = [];

    public IReadOnlyList<Option> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null)
        {
            var c = await db.ContactPoints.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null)
            {
                return NotFound();
            }

            Input = new ContactInput
            {
                UnitId = c.UnitId, FieldId = c.FieldId, Name = c.Name, Hotline = c.Hotline, Phone = c.Phone, Email = c.Email,
                Address = c.Address, ReceptionHours = c.ReceptionHours, SortOrder = c.SortOrder,
            };
        }

        await LoadOptionsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        var contact = id is null ? new ContactPoint() : await db.ContactPoints.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (contact is null)
        {
            return NotFound();
        }

        if (Input.UnitId is { } unitId && !await db.Units.Active().AnyAsync(u => u.Id == unitId, ct))
        {
            ModelState.AddModelError("Input.UnitId", l["Vui lòng chọn đơn vị."]);
        }

        if (Input.FieldId is { } fieldId && !await db.Fields.AnyAsync(f => f.Id == fieldId, ct))
        {
            ModelState.AddModelError("Input.FieldId", l["Vui lòng chọn lĩnh vực trong danh sách."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadOptionsAsync(ct);
            return Page();
        }

        contact.UnitId = Input.UnitId!.Value;
        contact.FieldId = Input.FieldId;
        contact.Name = Input.Name!.Trim();
        contact.Hotline = Blank(Input.Hotline);
        contact.Phone = Blank(Input.Phone);
        contact.Email = Blank(Input.Email);
        contact.Address = Blank(Input.Address);
        contact.ReceptionHours = Blank(Input.ReceptionHours);
        contact.SortOrder = Input.SortOrder;
        if (id is null)
        {
            db.ContactPoints.Add(contact);
        }

        await db.SaveChangesAsync(ct);
        return Redirect("/quan-tri/danh-ba");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var contact = await db.ContactPoints.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (contact is null)
        {
            return NotFound();
        }

        db.ContactPoints.Remove(contact);
        await db.SaveChangesAsync(ct);
        return Redirect("/quan-tri/danh-ba");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private async Task LoadOptionsAsync(CancellationToken ct)
    {
        UnitGroups = await UnitChoices.ByDistrictAsync(db, ct);
        Fields = await db.Fields.AsNoTracking().OrderBy(f => f.SortOrder).Select(f => new Option(f.Id, f.Name)).ToListAsync(ct);
    }
}
