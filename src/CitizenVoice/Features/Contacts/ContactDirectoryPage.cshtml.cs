using CitizenVoice.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Contacts;

/// <summary>The public directory of contact points for help with administrative procedures, linked from every page.</summary>
public sealed class ContactDirectoryPageModel(AppDb db) : PageModel
{
    public sealed record FieldOption(string Code, string Name);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "linhVuc")]
    public string? Field { get; set; }

    public IReadOnlyList<FieldOption> Fields { get; private set; } = [];

    public IReadOnlyList<ContactDirectory.Group> Groups { get; private set; } = [];

    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder)
            .Select(f => new FieldOption(f.Code, LocalName.Of(f.Name, f.NameEn))).ToListAsync(ct);
        if (Field is not null && Fields.All(f => f.Code != Field))
        {
            Field = null;
        }

        var entries = await ContactDirectory.FindAsync(db, Q, Field, ct);
        Count = entries.Count;
        Groups = ContactDirectory.ByDistrict(entries);
    }
}
