using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Feedback;

/// <summary>The fields the feedback forms offer (units come from <see cref="Organisation.UnitChoices"/>).</summary>
public static class FeedbackChoices
{
    public sealed record Choice(string Code, string Name);

    public static async Task<IReadOnlyList<Choice>> FieldsAsync(AppDb db, CancellationToken ct) =>
        await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).Select(f => new Choice(f.Code, LocalName.Of(f.Name, f.NameEn))).ToListAsync(ct);
}
