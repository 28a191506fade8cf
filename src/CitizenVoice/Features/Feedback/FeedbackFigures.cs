using System.Globalization;
using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Feedback;

/// <summary>
/// Counts of items received in a period, as a leader reports them. The parts add up: every item received is either
/// still open, answered (on time or late) or not accepted. An answer is on time when it reached the sender on or
/// before its deadline (<see cref="FeedbackItem.AnsweredLate"/>; see docs/feedback.md for the rule).
/// </summary>
public sealed record FeedbackCounts(
    int Received, int AnsweredOnTime, int AnsweredLate, int Open, int OpenOverdue, int Rejected, int Satisfied, int NotSatisfied)
{
    public static readonly FeedbackCounts None = new(0, 0, 0, 0, 0, 0, 0, 0);

    public int Answered => AnsweredOnTime + AnsweredLate;

    /// <summary>Answers on time among all answers, in percent; null when nothing was answered.</summary>
    public double? OnTimeRate => Answered == 0 ? null : Math.Round(100.0 * AnsweredOnTime / Answered, 1);

    public FeedbackCounts Plus(FeedbackCounts o) => new(
        Received + o.Received, AnsweredOnTime + o.AnsweredOnTime, AnsweredLate + o.AnsweredLate, Open + o.Open, OpenOverdue + o.OpenOverdue,
        Rejected + o.Rejected, Satisfied + o.Satisfied, NotSatisfied + o.NotSatisfied);

    public static FeedbackCounts Sum(IEnumerable<FeedbackCounts> counts) => counts.Aggregate(None, (a, b) => a.Plus(b));
}

/// <summary>The figures of a unit (with the units under it) for a period, broken down by kind, channel, field and unit.</summary>
public sealed record FeedbackFigures(
    string UnitCode, string UnitName, DateOnly From, DateOnly To, DateOnly Today, FeedbackCounts Total,
    IReadOnlyList<(FeedbackKind Kind, FeedbackCounts Counts)> ByKind,
    IReadOnlyList<(FeedbackChannel Channel, FeedbackCounts Counts)> ByChannel,
    IReadOnlyList<(string Code, string Name, FeedbackCounts Counts)> ByField,
    IReadOnlyList<(string Code, string Name, bool Own, FeedbackCounts Counts)> ByUnit)
{
    private sealed record Group(int UnitId, FeedbackKind Kind, FeedbackChannel Channel, int FieldId, FeedbackCounts Counts);

    /// <summary>
    /// Counts items assigned to <paramref name="unitPath"/>'s subtree and received between the dates, grouped in the
    /// database by unit, kind, channel and field: the rows that come back are a few per unit, however many items there are.
    /// </summary>
    public static async Task<FeedbackFigures> ComputeAsync(
        AppDb db, Unit unit, DateOnly from, DateOnly to, DateOnly today, CancellationToken ct)
    {
        var subtree = await db.Units.AsNoTracking().Where(u => u.Path.StartsWith(unit.Path)).ToListAsync(ct);
        var unitIds = db.Units.Where(u => u.Path.StartsWith(unit.Path)).Select(u => u.Id);
        var groups = (await db.FeedbackItems.AsNoTracking()
            .Where(f => f.ReceivedOn >= from && f.ReceivedOn <= to && unitIds.Contains(f.AssignedUnitId))
            .GroupBy(f => new { f.AssignedUnitId, f.Kind, f.Channel, f.FieldId })
            .Select(g => new
            {
                g.Key.AssignedUnitId, g.Key.Kind, g.Key.Channel, g.Key.FieldId,
                Received = g.Count(),
                OnTime = g.Sum(f => (f.Status == FeedbackStatus.Answered || f.Status == FeedbackStatus.Closed) && !f.AnsweredLate ? 1 : 0),
                Late = g.Sum(f => (f.Status == FeedbackStatus.Answered || f.Status == FeedbackStatus.Closed) && f.AnsweredLate ? 1 : 0),
                Open = g.Sum(f => f.Status == FeedbackStatus.Received || f.Status == FeedbackStatus.InProgress
                    || f.Status == FeedbackStatus.WaitingForCitizen || f.Status == FeedbackStatus.AwaitingApproval ? 1 : 0),
                Overdue = g.Sum(f => (f.Status == FeedbackStatus.Received || f.Status == FeedbackStatus.InProgress || f.Status == FeedbackStatus.AwaitingApproval)
                    && f.DueOn != null && f.DueOn < today ? 1 : 0),
                Rejected = g.Sum(f => f.Status == FeedbackStatus.Rejected ? 1 : 0),
                Satisfied = g.Sum(f => f.Satisfied == true ? 1 : 0),
                NotSatisfied = g.Sum(f => f.Satisfied == false ? 1 : 0),
            })
            .ToListAsync(ct))
            .Select(g => new Group(g.AssignedUnitId, g.Kind, g.Channel, g.FieldId,
                new FeedbackCounts(g.Received, g.OnTime, g.Late, g.Open, g.Overdue, g.Rejected, g.Satisfied, g.NotSatisfied)))
            .ToList();
        var fields = await db.Fields.AsNoTracking().OrderBy(f => f.SortOrder).Select(f => new { f.Id, f.Code, Name = LocalName.Of(f.Name, f.NameEn) }).ToListAsync(ct);

        // Each item counts for the chosen unit itself or for the direct sub-unit whose subtree it is in; a merged
        // sub-unit that no longer exists still shows, so nothing received in the period disappears from the total.
        var children = subtree.Where(u => u.ParentId == unit.Id).OrderBy(u => u.Path).ToList();
        var pathOf = subtree.ToDictionary(u => u.Id, u => u.Path);
        int? ChildOf(int unitId) => unitId == unit.Id ? null
            : children.FirstOrDefault(c => pathOf.TryGetValue(unitId, out var p) && p.StartsWith(c.Path, StringComparison.Ordinal))?.Id;
        var byChild = groups.GroupBy(g => ChildOf(g.UnitId)).ToDictionary(g => g.Key ?? 0, g => FeedbackCounts.Sum(g.Select(x => x.Counts)));
        var byUnit = new List<(string, string, bool, FeedbackCounts)> { (unit.Code, unit.Name, true, byChild.GetValueOrDefault(0, FeedbackCounts.None)) };
        byUnit.AddRange(children
            .Where(c => c.IsActive || byChild.ContainsKey(c.Id))
            .Select(c => (c.Code, c.Name, false, byChild.GetValueOrDefault(c.Id, FeedbackCounts.None))));

        FeedbackCounts Of(Func<Group, bool> which) => FeedbackCounts.Sum(groups.Where(which).Select(g => g.Counts));
        return new FeedbackFigures(
            unit.Code, unit.Name, from, to, today, FeedbackCounts.Sum(groups.Select(g => g.Counts)),
            [.. Enum.GetValues<FeedbackKind>().Select(k => (k, Of(g => g.Kind == k)))],
            [.. Enum.GetValues<FeedbackChannel>().Select(c => (c, Of(g => g.Channel == c)))],
            [.. fields.Where(f => groups.Any(g => g.FieldId == f.Id)).Select(f => (f.Code, f.Name, Of(g => g.FieldId == f.Id)))],
            byUnit);
    }

    /// <summary>
    /// The tables of the figures page for CSV, XLSX and PDF; <paramref name="text"/> translates headers and names (the
    /// PDF passes Vietnamese through).
    /// </summary>
    public IReadOnlyList<ExportTable> Tables(Func<string, string> text)
    {
        string[] countHeaders =
        [
            "Tiếp nhận", "Trả lời đúng hạn", "Trả lời quá hạn", "Tỷ lệ trả lời đúng hạn (%)", "Đang giải quyết", "Quá hạn chưa trả lời",
            "Không tiếp nhận", "Hài lòng", "Không hài lòng",
        ];
        static object?[] Cells(FeedbackCounts c) =>
            [c.Received, c.AnsweredOnTime, c.AnsweredLate, c.OnTimeRate, c.Open, c.OpenOverdue, c.Rejected, c.Satisfied, c.NotSatisfied];
        ExportTable Table(string name, string[] first, IEnumerable<object?[]> rows) =>
            new(ExportTables.Slug(name), text(name), [.. first.Concat(countHeaders).Select(text)], [.. rows]);
        return
        [
            Table("Tổng hợp", ["Đơn vị", "Từ ngày", "Đến ngày"],
                [[UnitName, From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), .. Cells(Total)]]),
            Table("Theo loại", ["Loại"], ByKind.Select(k => (object?[])[text(FeedbackRules.KindName(k.Kind)), .. Cells(k.Counts)])),
            Table("Theo kênh", ["Kênh tiếp nhận"], ByChannel.Select(c => (object?[])[text(FeedbackRules.ChannelName(c.Channel)), .. Cells(c.Counts)])),
            Table("Theo lĩnh vực", ["Lĩnh vực"], ByField.Select(f => (object?[])[text(f.Name), .. Cells(f.Counts)])),
            Table("Theo đơn vị", ["Mã đơn vị", "Đơn vị"],
                ByUnit.Select(u => (object?[])[u.Code, u.Own ? text("{0} (trực tiếp giải quyết)").Replace("{0}", u.Name, StringComparison.Ordinal) : u.Name, .. Cells(u.Counts)])),
        ];
    }
}
