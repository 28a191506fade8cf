using CitizenVoice.Features.Access;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

[Authorize(Policy = Policies.Administrator)]
public sealed class UnitsModel(UnitScope scope) : PageModel
{
    /// <summary>
    /// Up to this many units the whole tree is drawn. A national tree (about 3,300 communes) drawn whole is a page of
    /// megabytes, so above it the communes stay folded under their province or district until one is opened, and a
    /// search finds any unit by name or code.
    /// </summary>
    public const int WholeTreeLimit = 400;

    /// <summary>At most this many units found by a search are listed.</summary>
    public const int FoundLimit = 50;

    public sealed record Row(int Id, int? ParentId, string Code, string Name, UnitLevel Level, bool Active, DateOnly? ValidTo, string? SuccessorName);

    /// <summary>The units drawn in the tree (all of them, or the folded tree's).</summary>
    public IReadOnlyList<Row> Units { get; private set; } = [];

    public int ActiveCount { get; private set; }
    public int InactiveCount { get; private set; }

    /// <summary>In a folded tree: how many communes each unit has that are not drawn.</summary>
    public IReadOnlyDictionary<int, int> Folded { get; private set; } = new Dictionary<int, int>();

    public bool IsFolded { get; private set; }

    /// <summary>The units a search found (null without a search).</summary>
    public IReadOnlyList<Row>? Found { get; private set; }

    public int FoundCount { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool ShowInactive { get; set; }

    /// <summary>Name or code to look for, with or without diacritics.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>The unit whose communes a folded tree shows.</summary>
    [BindProperty(SupportsGet = true, Name = "mo")]
    public int? Open { get; set; }

    public async Task OnGetAsync()
    {
        var within = await scope.WithinAsync(User);
        var units = ShowInactive ? within : within.Active();
        var all = (await units.AsNoTracking().Select(u => new { Unit = u, SuccessorName = u.Successor!.Name, SuccessorNameEn = u.Successor.NameEn }).ToListAsync())
            .Select(x => new Row(x.Unit.Id, x.Unit.ParentId, x.Unit.Code, LocalName.Of(x.Unit.Name, x.Unit.NameEn), x.Unit.Level, x.Unit.IsActive, x.Unit.ValidTo,
                x.SuccessorName is null ? null : LocalName.Of(x.SuccessorName, x.SuccessorNameEn)))
            // Sorted here, not in SQL: the database's collation does not know that Đ comes after D in Vietnamese.
            .OrderBy(u => u.Level == UnitLevel.Department).ThenBy(u => u.Name, Localisation.VietnameseOrder).ToList();
        ActiveCount = all.Count(u => u.Active);
        InactiveCount = all.Count - ActiveCount;
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var words = TextFolding.Fold(Query).ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var found = all.Where(u => words.All(w => (TextFolding.Fold(u.Name) + " " + u.Code).ToLowerInvariant().Contains(w, StringComparison.Ordinal))).ToList();
            FoundCount = found.Count;
            Found = [.. found.Take(FoundLimit)];
        }

        IsFolded = all.Count > WholeTreeLimit;
        if (!IsFolded)
        {
            Units = all;
            return;
        }

        Units = [.. all.Where(u => u.Level != UnitLevel.Commune || u.ParentId == Open)];
        Folded = all.Where(u => u.Level == UnitLevel.Commune && u.ParentId is { } p && p != Open)
            .GroupBy(u => u.ParentId!.Value).ToDictionary(g => g.Key, g => g.Count());
    }

    public static string LevelName(UnitLevel level) => level switch
    {
        UnitLevel.Ministry => "Cấp bộ",
        UnitLevel.Province => "Cấp tỉnh",
        UnitLevel.District => "Cấp huyện",
        UnitLevel.Commune => "Cấp xã",
        _ => "Phòng, đơn vị nghiệp vụ",
    };
}
