using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Organisation;

[Authorize(Policy = Policies.Administrator)]
public sealed class FieldsModel(AppDb db) : PageModel
{
    public sealed record Row(int Id, string Code, string Name, bool IsActive, int Procedures);

    public IReadOnlyList<Row> Fields { get; private set; } = [];

    public async Task OnGetAsync() =>
        Fields = await db.Fields.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Code)
            .Select(f => new Row(f.Id, f.Code, LocalName.Of(f.Name, f.NameEn), f.IsActive, db.Procedures.Count(p => p.FieldId == f.Id)))
            .ToListAsync();
}
