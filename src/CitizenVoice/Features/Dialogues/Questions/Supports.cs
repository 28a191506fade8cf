using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

public static class Supports
{
    /// <summary>Adds one browser's support to a published question; false when it had already supported it.</summary>
    public static async Task<bool> AddAsync(AppDb db, int sessionId, int opinionId, string voterHash, DateTime now, CancellationToken ct = default)
    {
        var open = await db.Opinions.AnyAsync(o => o.Id == opinionId && o.SessionId == sessionId
            && (o.Status == OpinionStatus.Approved || o.Status == OpinionStatus.Answered), ct);
        if (!open || await db.OpinionSupports.AnyAsync(s => s.OpinionId == opinionId && s.VoterHash == voterHash, ct))
        {
            return false;
        }

        db.OpinionSupports.Add(new OpinionSupport { OpinionId = opinionId, VoterHash = voterHash, At = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A double click raced past the check above: the unique index kept it to one support.
            return false;
        }

        await db.Opinions.Where(o => o.Id == opinionId).ExecuteUpdateAsync(o => o.SetProperty(x => x.Supports, x => x.Supports + 1), ct);
        return true;
    }
}
