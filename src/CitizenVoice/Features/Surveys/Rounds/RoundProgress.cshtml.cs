using CitizenVoice.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// One round: the sample-size formula with its result, each unit × field with N, target and the answers collected so
/// far by channel. Only counts are shown, never a response, so the page is open to the whole team.
/// </summary>
[Authorize(Policy = SurveyPolicies.SurveyTeam)]
public sealed class RoundProgressModel(AppDb db) : PageModel
{
    /// <param name="MergedInto">The unit that took over, for a unit merged away: a merge during the round made its target
    /// what it had collected and gave the rest to the successor, and recomputing from N leaves it so.</param>
    public sealed record Row(int TargetId, string UnitName, string UnitCode, string FieldName, int? CasesHandled, int Target, IReadOnlyDictionary<SurveyChannel, int> ByChannel, string? MergedInto = null)
    {
        public int Collected => ByChannel.Values.Sum();
    }

    [FromRoute]
    public int Id { get; set; }

    /// <summary>N per target, posted from the table.</summary>
    [BindProperty(Name = "Cases")]
    public Dictionary<int, int?>? Cases { get; set; }

    public SurveyRound Round { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<string> MemberNames { get; private set; } = [];

    public static string ChannelName(SurveyChannel channel) => channel switch
    {
        SurveyChannel.Online => "Trực tuyến",
        SurveyChannel.Kiosk => "Kiosk",
        SurveyChannel.Paper => "Phiếu giấy",
        SurveyChannel.Phone => "Điện thoại",
        SurveyChannel.Email => "Thư điện tử",
        _ => "Nhập từ tệp",
    };

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var round = await db.SurveyRounds.Include(r => r.Targets).SingleOrDefaultAsync(r => r.Id == Id, HttpContext.RequestAborted);
        if (round is null)
        {
            return NotFound();
        }

        var targetUnits = round.Targets.Select(t => t.UnitId).ToList();
        var merged = await db.Units.Where(u => targetUnits.Contains(u.Id) && u.SuccessorId != null).Select(u => u.Id).ToListAsync(HttpContext.RequestAborted);
        foreach (var target in round.Targets.Where(t => !merged.Contains(t.UnitId)))
        {
            if (Cases is not null && Cases.TryGetValue(target.Id, out var cases))
            {
                target.CasesHandled = cases is > 0 ? cases : null;
                target.Target = SampleSize.Target(round.MarginPoints, target.CasesHandled);
            }
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"/quan-tri/khao-sat/dot/{Id}");
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var round = await db.SurveyRounds.AsNoTracking().Include(r => r.Members).SingleOrDefaultAsync(r => r.Id == Id, ct);
        if (round is null)
        {
            return false;
        }

        Round = round;
        var targets = await db.SurveyRoundTargets.AsNoTracking().Where(t => t.RoundId == Id)
            .Join(db.Units, t => t.UnitId, u => u.Id, (t, u) => new { t, UnitName = u.Name, UnitNameEn = u.NameEn, UnitCode = u.Code, u.SuccessorId })
            .Join(db.Fields, x => x.t.FieldId, f => f.Id, (x, f) => new { x.t, x.UnitName, x.UnitNameEn, x.UnitCode, x.SuccessorId, FieldName = f.Name, FieldNameEn = f.NameEn, FieldOrder = f.SortOrder })
            .ToListAsync(ct);
        var successorIds = targets.Where(t => t.SuccessorId != null).Select(t => t.SuccessorId!.Value).Distinct().ToList();
        var successors = await db.Units.AsNoTracking().Where(u => successorIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => Infrastructure.LocalName.Of(u.Name, u.NameEn), ct);
        var unitIds = targets.Select(t => t.t.UnitId).Distinct().ToList();
        var fieldIds = targets.Select(t => t.t.FieldId).Distinct().ToList();
        var counts = await db.SurveyResponses.AsNoTracking()
            .Where(r => !r.IsDeleted && r.Day >= round.StartsOn && r.Day <= round.EndsOn && unitIds.Contains(r.UnitId) && fieldIds.Contains(r.FieldId))
            .GroupBy(r => new { r.UnitId, r.FieldId, r.Channel }).Select(g => new { g.Key.UnitId, g.Key.FieldId, g.Key.Channel, Count = g.Count() })
            .ToListAsync(ct);
        Rows = [.. targets.OrderBy(t => t.UnitName, Infrastructure.Localisation.VietnameseOrder).ThenBy(t => t.FieldOrder)
            .Select(t => new Row(t.t.Id, Infrastructure.LocalName.Of(t.UnitName, t.UnitNameEn), t.UnitCode, Infrastructure.LocalName.Of(t.FieldName, t.FieldNameEn), t.t.CasesHandled, t.t.Target,
                counts.Where(c => c.UnitId == t.t.UnitId && c.FieldId == t.t.FieldId).ToDictionary(c => c.Channel, c => c.Count),
                t.SuccessorId is { } successor ? successors[successor] : null))];
        var memberIds = round.Members.Select(m => m.UserId).ToList();
        MemberNames = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).Select(u => u.FullName).ToListAsync(ct);
        return true;
    }
}
