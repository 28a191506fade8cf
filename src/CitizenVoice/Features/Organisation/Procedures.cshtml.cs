using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Organisation;

[Authorize(Policy = Policies.Administrator)]
public sealed class ProceduresModel(AppDb db) : PageModel
{
    public sealed record Row(int Id, string Code, string Name, string FieldName, ProcedureLevels Levels, int? ProcessingDays);

    public sealed record FieldOption(string Code, string Name);

    [BindProperty(SupportsGet = true)]
    public string? LinhVuc { get; set; }

    public IReadOnlyList<Row> Procedures { get; private set; } = [];
    public IReadOnlyList<FieldOption> Fields { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Fields = await db.Fields.AsNoTracking().OrderBy(f => f.SortOrder).Select(f => new FieldOption(f.Code, LocalName.Of(f.Name, f.NameEn))).ToListAsync();
        Procedures = await db.Procedures.AsNoTracking()
            .Where(p => string.IsNullOrEmpty(LinhVuc) || p.Field!.Code == LinhVuc)
            .OrderBy(p => p.Field!.SortOrder).ThenBy(p => p.Code)
            .Select(p => new Row(p.Id, p.Code, LocalName.Of(p.Name, p.NameEn), LocalName.Of(p.Field!.Name, p.Field.NameEn), p.Levels, p.ProcessingDays))
            .ToListAsync();
    }

    public static readonly (ProcedureLevels Level, string Name)[] AllLevels =
    [
        (ProcedureLevels.Ministry, "Bộ"), (ProcedureLevels.Province, "Tỉnh"),
        (ProcedureLevels.District, "Huyện"), (ProcedureLevels.Commune, "Xã"),
    ];

    public static IEnumerable<string> LevelNames(ProcedureLevels levels) =>
        AllLevels.Where(l => levels.HasFlag(l.Level)).Select(l => l.Name);
}
