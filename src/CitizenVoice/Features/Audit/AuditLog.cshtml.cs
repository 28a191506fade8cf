using CitizenVoice.Data;
using CitizenVoice.Features.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Audit;

[Authorize(Policy = Policies.Administrator)]
public sealed class AuditLogModel(AppDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync() =>
        Entries = await db.AuditLog.AsNoTracking()
            .Where(e => string.IsNullOrEmpty(Q) || e.UserName.Contains(Q) || e.EntityKey.Contains(Q) || e.EntityType.Contains(Q))
            .OrderByDescending(e => e.Id).Take(500).ToListAsync();

    public static string ActionName(string action) => action switch
    {
        "create" => "Thêm",
        "delete" => "Xóa",
        _ => "Sửa",
    };
}
