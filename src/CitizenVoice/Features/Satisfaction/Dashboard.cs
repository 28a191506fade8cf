using System.Globalization;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>The query string of the results screens: every filter a leader or a citizen can set.</summary>
public sealed class DashboardQuery
{
    public string? Unit { get; set; }
    public string? Field { get; set; }
    public string? Channel { get; set; }
    public string? Respondent { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Sort { get; set; }

    public string ToQueryString(string? unit = null, string? sort = null)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }

        Add("unit", unit ?? Unit);
        Add("field", Field);
        Add("channel", Channel);
        Add("respondent", Respondent);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("sort", sort ?? Sort);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}

public sealed record Option(string Code, string Name);

public sealed record ChildRow(SatisfactionReport.UnitRef Unit, SatisfactionFigures Figures, int? Rank);

/// <summary>Everything one results screen shows, computed once from the rollups.</summary>
public sealed record DashboardData(
    DashboardQuery Query, SatisfactionFilter Filter, string UnitName, SatisfactionFigures Figures, SatisfactionFigures YearEarlier,
    IReadOnlyList<ChildRow> Children, IReadOnlyList<(DateOnly Month, SatisfactionFigures Figures)> Months,
    IReadOnlyList<(UnitLevel Level, long Ratings, long Satisfied)> Levels, IReadOnlyList<Option> Fields)
{
    /// <summary>The units one may choose, grouped by district, for the unit picker.</summary>
    public IReadOnlyList<UnitChoices.Group> UnitGroups { get; init; } = [];

    public IEnumerable<QuestionFigure> Weakest(int count) =>
        Figures.Questions.Where(q => q.Rate.N > 0).OrderBy(q => q.Rate.Value).Take(count);

    public static readonly (string Code, string Name)[] Channels =
    [
        ("online", "Trực tuyến (mã QR, đường dẫn)"), ("kiosk", "Máy đánh giá tại quầy"), ("paper", "Phiếu giấy"),
        ("phone", "Điện thoại"), ("email", "Thư điện tử"), ("import", "Nhập từ tệp"),
    ];

    public static string LevelName(UnitLevel level) => UnitsModel.LevelName(level);

    /// <summary>
    /// The active units under <paramref name="rootPath"/> that citizens rate: departments (phòng) serve no public
    /// counter, so they have no figures of their own and are not offered in the results screens.
    /// </summary>
    public static IQueryable<Unit> SurveyedUnits(AppDb db, string rootPath) =>
        db.Units.Active().Where(u => u.Path.StartsWith(rootPath) && u.Level != UnitLevel.Department);

    /// <summary>
    /// Builds the screen for <paramref name="query"/>, limited to the units under <paramref name="rootPath"/> (a
    /// leader's own subtree; "/" for the public page). Null when no rated unit is there (a department's staff), so
    /// the caller refuses the screen instead of failing.
    /// </summary>
    public static async Task<DashboardData?> LoadAsync(
        AppDb db, SatisfactionReport report, DashboardQuery query, string rootPath, DateOnly today, CancellationToken ct)
    {
        query.To ??= today;
        query.From ??= new DateOnly(query.To.Value.Year, 1, 1);
        if (query.From > query.To)
        {
            (query.From, query.To) = (query.To, query.From);
        }

        // The units of the period, read once for the unit asked for and the picker's choices (a national tree has 3,400
        // units): today's, or for a period that ended before a reorganisation the tree of its last day (the results for
        // 2022 list the districts and communes of 2022, under their names of then).
        var past = await report.TreeOnAsync(query.To.Value, ct);
        var pastUnits = past?.Units.Where(u => u.Level != UnitLevel.Department && past.IsWithinToday(u, rootPath)).ToList();
        var units = pastUnits is { Count: > 0 }
            ? [.. pastUnits.OrderBy(u => u.Path, StringComparer.Ordinal)
                .Select(u => new { Unit = new UnitChoices.Listed(u.Id, u.Code, u.Name, u.Level, u.ParentId), u.Path, CurrentPath = "" })]
            : await SurveyedUnits(db, rootPath).AsNoTracking().OrderBy(u => u.Path)
                .Select(u => new { Unit = new UnitChoices.Listed(u.Id, u.Code, LocalName.Of(u.Name, u.NameEn), u.Level, u.ParentId), u.Path, CurrentPath = u.Path }).ToListAsync(ct);
        if (units.Count == 0)
        {
            return null;
        }

        var root = units.OrderBy(u => u.Path.Length).First();
        var unit = units.FirstOrDefault(u => u.Unit.Code == query.Unit) ?? root;
        query.Unit = unit.Unit.Code;
        // Only fields the unit (or a unit under it) serves: a commune's results cannot be about passports.
        var fieldsPath = unit.CurrentPath.Length > 0 ? unit.CurrentPath : await db.Units.Where(u => u.Id == unit.Unit.Id).Select(u => u.Path).SingleAsync(ct);
        var fields = await db.FieldsServedWithin(fieldsPath).AsNoTracking().Select(f => new Option(f.Code, LocalName.Of(f.Name, f.NameEn))).ToListAsync(ct);
        if (query.Field is not null && fields.All(f => f.Code != query.Field))
        {
            query.Field = null;
        }

        var channel = SurveyChannels.Parse(query.Channel);
        int? respondent = query.Respondent switch { "citizen" => 1, "organisation" => 2, _ => null };
        var filter = new SatisfactionFilter(unit.Unit.Code, true, query.Field, null, channel, respondent, query.From.Value, query.To.Value) { TreeOfPeriod = true };

        var (figures, months) = await report.ByMonthAsync(filter, ct);
        var yearEarlier = await report.FiguresAsync(filter.YearEarlier(), ct);
        var children = await report.ByChildUnitAsync(filter, ct);
        var ranked = SatisfactionMath.Rank(children, c => c.Figures.Index).Select(r => new ChildRow(r.Item.Unit, r.Item.Figures, r.Rank));
        ranked = query.Sort switch
        {
            "name" => ranked.OrderBy(r => r.Unit.Name, Infrastructure.Localisation.VietnameseOrder),
            "n" => ranked.OrderByDescending(r => r.Figures.Responses),
            "low" => ranked.OrderBy(r => r.Figures.Index.N == 0).ThenBy(r => r.Figures.Index.Value),
            _ => ranked,
        };
        var levels = await report.ByLevelAsync(filter, ct);
        return new DashboardData(query, filter, unit.Unit.Name, figures, yearEarlier, [.. ranked], months, levels, fields)
        {
            UnitGroups = await UnitChoices.ByDistrictAsync(db, [.. units.Select(u => u.Unit)], ct),
        };
    }
}
