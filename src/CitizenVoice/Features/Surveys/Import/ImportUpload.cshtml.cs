using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CitizenVoice.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>Upload a CSV or XLSX of responses; it is checked and kept, and imported only after confirmation.</summary>
[Authorize(Policy = SurveyPolicies.SurveyTeam)]
[RequestSizeLimit(SpreadsheetImport.MaxBytes + 100_000)]
[RequestFormLimits(MultipartBodyLengthLimit = SpreadsheetImport.MaxBytes + 100_000)]
public sealed class ImportUploadModel(AppDb db, SpreadsheetImport import, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Recent(Guid Id, string FileName, DateTime UploadedAt, ImportStatus Status, int TotalRows, int ErrorRows, int ImportedRows);

    [BindProperty]
    [Required(ErrorMessage = "Vui lòng chọn {0}.")]
    [Display(Name = "Tệp CSV hoặc XLSX")]
    public IFormFile? Spreadsheet { get; set; }

    public IReadOnlyList<Recent> Imports { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Spreadsheet is { Length: > SpreadsheetImport.MaxBytes })
        {
            ModelState.AddModelError(nameof(Spreadsheet), l["Tệp quá lớn: tối đa {0} MB.", SpreadsheetImport.MaxBytes / 1024 / 1024]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        using var buffer = new MemoryStream();
        await Spreadsheet!.CopyToAsync(buffer, HttpContext.RequestAborted);
        var result = await import.UploadAsync(Spreadsheet.FileName, buffer.ToArray(), User, HttpContext.RequestAborted);
        if (result.FileId is { } id)
        {
            return Redirect($"/quan-tri/khao-sat/nhap-tep/{id}");
        }

        ModelState.AddModelError(nameof(Spreadsheet), result.Error!);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        Imports = await db.ImportFiles.AsNoTracking().Where(f => f.UploadedById == userId).OrderByDescending(f => f.UploadedAt).Take(20)
            .Select(f => new Recent(f.Id, f.FileName, f.UploadedAt, f.Status, f.TotalRows, f.ErrorRows, f.ImportedRows)).ToListAsync(HttpContext.RequestAborted);
    }
}
