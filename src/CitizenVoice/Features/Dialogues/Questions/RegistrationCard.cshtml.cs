using CitizenVoice.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>
/// A registration found again by its code, from the link on the confirmation (to bookmark) or from the session page
/// (which remembers the code in the browser). It shows the code and its QR for the door, never the name or phone:
/// whoever holds the link sees only what the confirmation showed.
/// </summary>
public sealed class RegistrationCardModel(AppDb db) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    [FromRoute]
    public string Code { get; set; } = "";

    public string SessionTitle { get; private set; } = "";
    public DateTime StartsAt { get; private set; }
    public DateTime EndsAt { get; private set; }
    public string? Venue { get; private set; }
    public bool CheckedIn { get; private set; }
    public string Qr { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var code = Code.Trim().ToUpperInvariant();
        if (code.Length != 8)
        {
            return NotFound();
        }

        var found = await db.Registrations.AsNoTracking()
            .Where(r => r.SessionId == Id && r.Code == code && r.Session!.Status != DialogueStatus.Draft)
            .Select(r => new { r.Session!.Title, r.Session.StartsAt, r.Session.EndsAt, r.Session.Venue, r.CheckedInAt })
            .SingleOrDefaultAsync(ct);
        if (found is null)
        {
            return NotFound();
        }

        (Code, SessionTitle, StartsAt, EndsAt, Venue, CheckedIn) = (code, found.Title, found.StartsAt, found.EndsAt, found.Venue, found.CheckedInAt is not null);
        Qr = SessionModel.QrOf(code);
        return Page();
    }
}
