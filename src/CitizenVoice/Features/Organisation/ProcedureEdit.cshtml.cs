using System.ComponentModel.DataAnnotations;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Organisation;

[Authorize(Policy = Policies.Administrator)]
public sealed class ProcedureEditModel(AppDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record FieldOption(int Id, string Name);

    [FromRoute]
    public int? Id { get; set; }

    [BindProperty]
    public ProcedureInput Input { get; set; } = new();

    public IReadOnlyList<FieldOption> Fields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (Id is { } id)
        {
            var p = await db.Procedures.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id);
            if (p is null)
            {
                return NotFound();
            }

            Input = new ProcedureInput
            {
                Code = p.Code, Name = p.Name, NameEn = p.NameEn, FieldId = p.FieldId, NationalCode = p.NationalCode, ProcessingDays = p.ProcessingDays,
                IsActive = p.IsActive, Levels = [.. ProceduresModel.AllLevels.Select(x => x.Level).Where(x => p.Levels.HasFlag(x))],
            };
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Code = (Input.Code ?? "").Trim().ToUpperInvariant();
        var procedure = Id is { } id ? await db.Procedures.SingleOrDefaultAsync(x => x.Id == id) : null;
        if (Id is not null && procedure is null)
        {
            return NotFound();
        }

        if (await db.Procedures.AnyAsync(x => x.Code == Input.Code && x.Id != (Id ?? 0)))
        {
            ModelState.AddModelError("Input.Code", l["Mã thủ tục {0} đã được dùng.", Input.Code]);
        }

        if (!await db.Fields.AnyAsync(f => f.Id == Input.FieldId))
        {
            ModelState.AddModelError("Input.FieldId", l["Vui lòng chọn {0}.", l["Lĩnh vực"]]);
        }

        if (Input.Levels.Count == 0)
        {
            ModelState.AddModelError("Input.Levels", l["Vui lòng chọn ít nhất một cấp thực hiện."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        procedure ??= db.Procedures.Add(new Procedure { Code = Input.Code, Name = Input.Name }).Entity;
        procedure.Code = Input.Code;
        procedure.Name = Input.Name.Trim();
        procedure.NameEn = string.IsNullOrWhiteSpace(Input.NameEn) ? null : Input.NameEn.Trim();
        procedure.FieldId = Input.FieldId;
        procedure.NationalCode = string.IsNullOrWhiteSpace(Input.NationalCode) ? null : Input.NationalCode.Trim();
        procedure.ProcessingDays = Input.ProcessingDays;
        procedure.IsActive = Input.IsActive;
        procedure.Levels = Input.Levels.Aggregate(ProcedureLevels.None, (all, x) => all | x);
        await db.SaveChangesAsync();
        TempData["Message"] = l["Đã lưu thủ tục."].Value;
        return Redirect("/quan-tri/thu-tuc");
    }

    private async Task LoadAsync() =>
        Fields = await db.Fields.AsNoTracking().OrderBy(f => f.SortOrder).Select(f => new FieldOption(f.Id, LocalName.Of(f.Name, f.NameEn))).ToListAsync();
}

public sealed class ProcedureInput
{
    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$", ErrorMessage = "Mã thủ tục chỉ gồm chữ không dấu, số, dấu chấm và dấu gạch ngang.")]
    [Display(Name = "Mã thủ tục")]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = "Vui lòng nhập {0}.")]
    [StringLength(400, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Tên thủ tục")]
    public string Name { get; set; } = "";

    [StringLength(400, ErrorMessage = "{0} tối đa {1} ký tự.")]
    [Display(Name = "Tên tiếng Anh")]
    public string? NameEn { get; set; }

    [Display(Name = "Lĩnh vực")]
    public int FieldId { get; set; }

    [Display(Name = "Cấp thực hiện")]
    public List<ProcedureLevels> Levels { get; set; } = [];

    [RegularExpression(@"^[0-9.]{1,20}$", ErrorMessage = "Mã thủ tục quốc gia gồm chữ số và dấu chấm, ví dụ 1.001456.")]
    [Display(Name = "Mã thủ tục trên Cổng Dịch vụ công quốc gia")]
    public string? NationalCode { get; set; }

    [Range(1, 365, ErrorMessage = "{0} từ {1} đến {2}.")]
    [Display(Name = "Thời hạn giải quyết (ngày làm việc)")]
    public int? ProcessingDays { get; set; }

    [Display(Name = "Đang áp dụng")]
    public bool IsActive { get; set; } = true;
}
