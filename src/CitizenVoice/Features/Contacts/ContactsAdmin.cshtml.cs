using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Contacts;

/// <summary>The contact points administrators keep up to date; the public sees them at /danh-ba.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class ContactsAdminModel(AppDb db) : PageModel
{
    public IReadOnlyList<ContactDirectory.Group> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Groups = ContactDirectory.ByDistrict(await ContactDirectory.FindAsync(db, null, null, ct));
}
