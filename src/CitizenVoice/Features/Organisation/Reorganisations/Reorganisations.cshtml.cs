using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// Upload a reorganisation file; every row is checked first. A file with refused rows is shown with each row's line
/// and kept nowhere; a clean one is kept and opens its preview, where it is applied. Below, the history of applications.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[RequestSizeLimit(ReorganisationFile.MaxBytes + 100_000)]
[RequestFormLimits(MultipartBodyLengthLimit = ReorganisationFile.MaxBytes + 100_000)]
public sealed class ReorganisationsModel(AppDb db, IStringLocalizer<SharedResource> l, TimeProvider clock) : PageModel
{
    public sealed record Entry(int Id, string FileName, DateOnly EffectiveDate, string UploadedBy, DateTime UploadedAt, string? AppliedBy, DateTime? AppliedAt, string? Summary);

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng chọn {0}.")]
    [Display(Name = "Tệp CSV hoặc XLSX")]
    public IFormFile? Spreadsheet { get; set; }

    [BindProperty]
    [Display(Name = "Tài khoản cán bộ của đơn vị bị sáp nhập, bãi bỏ (khi dòng không ghi)")]
    public StaffOnClose DefaultStaff { get; set; }

    /// <summary>The refused rows of the file just uploaded, by line.</summary>
    public IReadOnlyList<RowError> RowErrors { get; private set; } = [];

    public IReadOnlyList<Entry> Applied { get; private set; } = [];

    public IReadOnlyList<Entry> Waiting { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid || !Enum.IsDefined(DefaultStaff))
        {
            if (!Enum.IsDefined(DefaultStaff))
            {
                ModelState.AddModelError(nameof(DefaultStaff), l["Vui lòng chọn {0}.", l["Tài khoản cán bộ của đơn vị bị sáp nhập, bãi bỏ (khi dòng không ghi)"]]);
            }

            return await RefusedAsync();
        }

        if (Spreadsheet!.Length > ReorganisationFile.MaxBytes)
        {
            ModelState.AddModelError(nameof(Spreadsheet), l["Tệp quá lớn: tối đa {0} MB.", ReorganisationFile.MaxBytes / 1024 / 1024]);
            return await RefusedAsync();
        }

        using var buffer = new MemoryStream();
        await Spreadsheet.CopyToAsync(buffer, HttpContext.RequestAborted);
        var content = buffer.ToArray();
        var fileName = Path.GetFileName(Spreadsheet.FileName) is { Length: > 0 and <= 200 } name ? name : "to-chuc-lai" + Path.GetExtension(Spreadsheet.FileName);
        var parsed = ReorganisationFile.Read(fileName, content, Localise);
        if (parsed.FileError is { } error)
        {
            ModelState.AddModelError(nameof(Spreadsheet), error);
            return await RefusedAsync();
        }

        var plan = await ReorganisationPlanner.PlanAsync(db, parsed, DefaultStaff, UnitScope.UnitIdOf(User) ?? 0, Localise, HttpContext.RequestAborted);
        if (!plan.CanApply)
        {
            RowErrors = plan.Errors;
            ModelState.AddModelError(string.Empty, l["Tệp có {0} dòng không hợp lệ; chưa áp dụng thay đổi nào. Sửa các dòng dưới đây rồi tải lên lại.", plan.Errors.Select(e => e.Line).Distinct().Count()]);
            return await RefusedAsync();
        }

        var reorganisation = new Reorganisation
        {
            FileName = fileName, Sha256 = Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant(), EffectiveDate = plan.EffectiveDate,
            DefaultStaff = DefaultStaff, UploadedBy = User.Identity!.Name!, UploadedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Reorganisations.Add(reorganisation);
        await db.SaveChangesAsync();
        db.ReorganisationUploads.Add(new ReorganisationUpload { ReorganisationId = reorganisation.Id, Content = content });
        await db.SaveChangesAsync();
        return Redirect($"/quan-tri/to-chuc-lai/{reorganisation.Id}");
    }

    private string Localise(string text, object[] args) => l[text, args].Value;

    /// <summary>The form again, answered 422: the file was read but cannot be used as it is.</summary>
    private async Task<IActionResult> RefusedAsync()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var all = await db.Reorganisations.AsNoTracking().OrderByDescending(r => r.UploadedAt).Take(200)
            .Select(r => new Entry(r.Id, r.FileName, r.EffectiveDate, r.UploadedBy, r.UploadedAt, r.AppliedBy, r.AppliedAt, r.Summary))
            .ToListAsync(HttpContext.RequestAborted);
        Applied = [.. all.Where(r => r.AppliedAt is not null).OrderByDescending(r => r.AppliedAt)];
        Waiting = [.. all.Where(r => r.AppliedAt is null).Take(20)];
    }
}
