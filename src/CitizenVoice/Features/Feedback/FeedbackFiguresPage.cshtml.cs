using System.Security.Claims;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Feedback;

/// <summary>A leader's feedback figures: their unit or one under it, for a period, with the downloads.</summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Administrator},{Roles.Leader}")]
public sealed class FeedbackFiguresModel(AppDb db, UnitScope scope, TimeProvider clock) : PageModel
{
    public const string Path = "/quan-tri/phan-anh-kien-nghi/so-lieu";

    public sealed record Option(string Code, string Name, int Depth);

    [BindProperty(SupportsGet = true, Name = "don-vi")]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "tu")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "den")]
    public DateOnly? To { get; set; }

    public FeedbackFigures Figures { get; private set; } = null!;

    public IReadOnlyList<Option> Units { get; private set; } = [];
    public IReadOnlyList<CitizenVoice.Features.Organisation.UnitChoices.Group> UnitGroups { get; private set; } = [];

    /// <summary>The query string of the figures shown, for the download links.</summary>
    public string Query => $"?don-vi={Uri.EscapeDataString(Figures.UnitCode)}&tu={Figures.From:yyyy-MM-dd}&den={Figures.To:yyyy-MM-dd}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var root = await scope.PathOfAsync(User, ct);
        if (root is null)
        {
            return Forbid();
        }

        Units = (await db.Units.AsNoTracking().Active().Where(u => u.Path.StartsWith(root))
            .OrderBy(u => u.Path).Select(u => new { u.Code, Name = LocalName.Of(u.Name, u.NameEn), u.Path }).ToListAsync(ct))
            .Select(u => new Option(u.Code, u.Name, u.Path.Count(c => c == '/') - root.Count(c => c == '/'))).ToList();
        UnitGroups = await CitizenVoice.Features.Organisation.UnitChoices.ByDistrictAsync(db, db.Units.Where(u => u.Path.StartsWith(root)), ct);
        if (await LoadAsync(db, scope, User, Unit, From, To, VietnamTime.Today(clock), ct) is not { } figures)
        {
            return Forbid();
        }

        Figures = figures;
        (Unit, From, To) = (figures.UnitCode, figures.From, figures.To);
        return Page();
    }

    /// <summary>
    /// The figures of <paramref name="unitCode"/> when it is the user's unit or under it (otherwise of the user's own
    /// unit), from the start of the year to today unless dates are given; null for a user without a unit.
    /// </summary>
    public static async Task<FeedbackFigures?> LoadAsync(
        AppDb db, UnitScope scope, ClaimsPrincipal user, string? unitCode, DateOnly? from, DateOnly? to, DateOnly today, CancellationToken ct)
    {
        var root = await scope.PathOfAsync(user, ct);
        if (root is null)
        {
            return null;
        }

        // A unit code is short ASCII ("BK-NS-VT"); anything else is not one of the user's units.
        var unit = (unitCode is not { Length: > 0 and <= 40 } || !unitCode.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? null
                : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode.Trim() && u.Path.StartsWith(root), ct))
            ?? await db.Units.AsNoTracking().FirstAsync(u => u.Path == root, ct);
        var start = from ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? today;
        if (end < start)
        {
            (start, end) = (end, start);
        }

        return await FeedbackFigures.ComputeAsync(db, unit, start, end, today, ct);
    }
}
