using System.Security.Claims;
using CitizenVoice.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// One uploaded file: its bad rows with line numbers and reasons, the confirmation, and the progress of the import.
/// Each confirmation post imports one chunk and comes back here; the small script posts the next chunk by itself,
/// and without it the member presses "Tiếp tục" until done.
/// </summary>
[Authorize(Policy = SurveyPolicies.SurveyTeam)]
public sealed class ImportStatusModel(AppDb db, SpreadsheetImport import) : PageModel
{
    public sealed record Problem(int Line, string Reason);

    [FromRoute]
    public Guid Id { get; set; }

    public ImportFile Upload { get; private set; } = null!;
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public int Done => Upload.ImportedRows + Upload.SkippedRows;

    /// <summary>
    /// A file's rows are responses of units the uploader may handle, checked against the uploader's own unit: another
    /// member (perhaps of a unit those rows belong to) neither reads them nor imports them, so another's file is "not found".
    /// </summary>
    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await db.ImportFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == Id && f.UploadedById == UserId, HttpContext.RequestAborted) is not { } file)
        {
            return NotFound();
        }

        Upload = file;
        Problems = await db.ImportRows.AsNoTracking().Where(r => r.ImportFileId == Id && r.Error != null).OrderBy(r => r.Line).Take(1000)
            .Select(r => new Problem(r.Line, r.Error!)).ToListAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await db.ImportFiles.AnyAsync(f => f.Id == Id && f.UploadedById == UserId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        await import.ImportChunkAsync(Id, User, HttpContext.RequestAborted);
        return Redirect($"/quan-tri/khao-sat/nhap-tep/{Id}");
    }
}
