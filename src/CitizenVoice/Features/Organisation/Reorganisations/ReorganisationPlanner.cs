using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// One change the file makes, in the order it is applied: <see cref="Code"/> is the unit changed (created, renamed,
/// moved, merged or abolished), <see cref="Target"/> the new parent (create, move) or the successor (merge, abolish).
/// <see cref="Children"/> are the active sub-units that move with a merge or an abolition.
/// </summary>
public sealed record PlannedChange(
    int Line, ReorganisationAction Action, string Code, string? Target, string? Name, string? AreaType, UnitLevel? Level,
    string? GsoCode, StaffOnClose Staff, IReadOnlyList<string> Children);

/// <summary>The checked file: the changes in order, or the refused rows (then nothing may be applied).</summary>
public sealed record ReorganisationPlan(DateOnly EffectiveDate, IReadOnlyList<PlannedChange> Changes, IReadOnlyList<RowError> Errors)
{
    public bool CanApply => Errors.Count == 0 && Changes.Count > 0;
}

/// <summary>
/// Checks a reorganisation file against the unit tree as it is, by playing every row on a copy of the tree in the order
/// they will be applied (create, rename, move, merge, abolish a level), so a row is judged by the tree the rows before
/// it leave: a commune may merge into a commune created above it, then move with it when its district is abolished.
/// Every refused row is reported with its line; apply plays the same changes on the real tree.
/// </summary>
public static class ReorganisationPlanner
{
    private sealed class Node
    {
        public required string Code { get; init; }
        public required UnitLevel Level { get; init; }
        public string? Parent { get; set; }
        public bool Active { get; set; }
        public DateOnly ValidFrom { get; init; }
        public HashSet<string> Children { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The levels a unit of each level may stand under: a ministry is a root; a province is a root or stands under the ministry (a national deployment).</summary>
    public static bool MayStandUnder(UnitLevel level, UnitLevel? parent) => level switch
    {
        UnitLevel.Ministry => parent is null,
        UnitLevel.Province => parent is null or UnitLevel.Ministry,
        UnitLevel.District => parent is UnitLevel.Province,
        UnitLevel.Commune => parent is UnitLevel.Province or UnitLevel.District,
        UnitLevel.Department => parent is UnitLevel.Ministry or UnitLevel.Province or UnitLevel.District,
        _ => false,
    };

    /// <summary>
    /// Checks the file. <paramref name="scopeUnitId"/> is the administrator's unit: every unit a row names must be in its
    /// subtree, as on the unit pages (a district's administrator reorganises that district only).
    /// </summary>
    public static async Task<ReorganisationPlan> PlanAsync(
        AppDb db, ReorganisationFile.Parsed file, StaffOnClose defaultStaff, int scopeUnitId, Func<string, object[], string> l, CancellationToken ct)
    {
        var errors = new List<RowError>(file.Errors);
        var date = file.EffectiveDate ?? DateOnly.MinValue;
        var units = await db.Units.AsNoTracking()
            .Select(u => new { u.Id, u.Code, u.Level, u.ParentId, u.ValidFrom, u.ValidTo, u.SuccessorId }).ToListAsync(ct);
        var codeOf = units.ToDictionary(u => u.Id, u => u.Code);
        var tree = new Dictionary<string, Node>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in units)
        {
            tree[u.Code] = new Node
            {
                Code = u.Code, Level = u.Level, Parent = u.ParentId is { } p ? codeOf[p] : null,
                Active = u.ValidTo is null && u.SuccessorId is null, ValidFrom = u.ValidFrom,
            };
        }

        foreach (var node in tree.Values.Where(n => n.Parent is not null))
        {
            tree[node.Parent!].Children.Add(node.Code);
        }

        var changes = new List<PlannedChange>();
        void Refuse(ReorganisationRow row, string message, params object[] args) => errors.Add(new RowError(row.Line, l(message, args)));
        bool Inside(string code, string ancestor)
        {
            for (var c = code; c is not null; c = tree[c].Parent)
            {
                if (string.Equals(c, ancestor, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        void Reparent(Node node, string? parent)
        {
            if (node.Parent is { } old)
            {
                tree[old].Children.Remove(node.Code);
            }

            node.Parent = parent;
            if (parent is not null)
            {
                tree[parent].Children.Add(node.Code);
            }
        }

        var scopeRoot = codeOf.GetValueOrDefault(scopeUnitId);
        // The administrator of a top unit answers for the whole deployment: a province merged into a new one (Bắc Kạn
        // into Thái Nguyên) is a change between two units at the top, which no other administrator could make.
        var wholeTree = scopeRoot is not null && tree[scopeRoot].Parent is null;
        bool InScope(string code) => wholeTree || (scopeRoot is not null && Inside(code, scopeRoot));

        // A unit the file changes must exist, be in service, and have begun before the date.
        Node? Existing(ReorganisationRow row, string code)
        {
            if (!tree.TryGetValue(code, out var node))
            {
                Refuse(row, "Không có đơn vị mã {0}.", code);
                return null;
            }

            if (!InScope(code))
            {
                Refuse(row, "Đơn vị {0} nằm ngoài phạm vi quản lý của Ông/Bà.", code);
                return null;
            }

            if (!node.Active)
            {
                Refuse(row, "Đơn vị {0} đã ngừng hoạt động.", code);
                return null;
            }

            if (node.ValidFrom > date)
            {
                Refuse(row, "Đơn vị {0} chỉ có hiệu lực từ {1}, sau ngày hiệu lực của tệp.", code, node.ValidFrom.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
                return null;
            }

            return node;
        }

        // The same unit twice for the same action is a mistake in the file, whichever row was meant.
        foreach (var group in file.Rows.Where(r => r.Action != ReorganisationAction.Create && r.OldCode is not null)
                     .GroupBy(r => (r.Action, Code: r.OldCode!.ToUpperInvariant())).Where(g => g.Count() > 1))
        {
            foreach (var row in group.Skip(1))
            {
                Refuse(row, "Đơn vị {0} đã có cùng thay đổi ở dòng {1}.", row.OldCode!, group.First().Line);
            }
        }

        var refusedLines = errors.Select(e => e.Line).ToHashSet();
        var rows = file.Rows.Where(r => !refusedLines.Contains(r.Line)).ToList();

        // Creates: a parent may be created by a later row, so rows are taken as their parents appear.
        var creates = rows.Where(r => r.Action == ReorganisationAction.Create).ToList();
        var firstCreate = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in creates.ToList())
        {
            if (tree.ContainsKey(row.NewCode!))
            {
                Refuse(row, "Mã đơn vị {0} đã được dùng.", row.NewCode!);
                creates.Remove(row);
            }
            else if (firstCreate.TryGetValue(row.NewCode!, out var first))
            {
                Refuse(row, "Mã đơn vị {0} trùng với dòng {1}.", row.NewCode!, first);
                creates.Remove(row);
            }
            else
            {
                firstCreate[row.NewCode!] = row.Line;
            }
        }

        for (var progress = true; progress && creates.Count > 0;)
        {
            progress = false;
            foreach (var row in creates.Where(r => r.ParentCode is null || tree.ContainsKey(r.ParentCode)).ToList())
            {
                creates.Remove(row);
                progress = true;
                var parent = row.ParentCode is null ? null : Existing(row, row.ParentCode);
                if (row.ParentCode is not null && parent is null)
                {
                    continue;
                }

                if (parent is null && !wholeTree)
                {
                    Refuse(row, "Đơn vị {0} nằm ngoài phạm vi quản lý của Ông/Bà.", row.NewCode!);
                    continue;
                }

                if (!MayStandUnder(row.Level!.Value, parent?.Level))
                {
                    Refuse(row, "Đơn vị cấp {0} không thể đặt dưới {1}.", LevelName(row.Level.Value), parent is null ? l("gốc cây đơn vị", []) : l("đơn vị cấp {0}", [LevelName(parent.Level)]));
                    continue;
                }

                var node = new Node { Code = row.NewCode!, Level = row.Level.Value, Active = true, ValidFrom = date };
                tree[node.Code] = node;
                Reparent(node, parent?.Code);
                changes.Add(new PlannedChange(row.Line, row.Action, node.Code, parent?.Code, row.Name, row.AreaType, row.Level, row.GsoCode, defaultStaff, []));
            }
        }

        foreach (var row in creates)
        {
            Refuse(row, "Không có đơn vị mã {0}.", row.ParentCode!);
        }

        foreach (var row in rows.Where(r => r.Action == ReorganisationAction.Rename))
        {
            if (Existing(row, row.OldCode!) is { } node)
            {
                changes.Add(new PlannedChange(row.Line, row.Action, node.Code, null, row.Name, row.AreaType, null, null, defaultStaff, []));
            }
        }

        foreach (var row in rows.Where(r => r.Action == ReorganisationAction.Move))
        {
            if (Existing(row, row.OldCode!) is not { } node || Existing(row, row.ParentCode!) is not { } parent)
            {
                continue;
            }

            if (Inside(parent.Code, node.Code))
            {
                Refuse(row, "Không thể chuyển đơn vị {0} về dưới chính nó hoặc đơn vị cấp dưới của nó (vòng lặp).", node.Code);
            }
            else if (!MayStandUnder(node.Level, parent.Level))
            {
                Refuse(row, "Đơn vị cấp {0} không thể đặt dưới {1}.", LevelName(node.Level), l("đơn vị cấp {0}", [LevelName(parent.Level)]));
            }
            else
            {
                Reparent(node, parent.Code);
                changes.Add(new PlannedChange(row.Line, row.Action, node.Code, parent.Code, null, null, null, null, defaultStaff, []));
            }
        }

        // Merges: a unit merged into one that is itself merged goes first, so its sub-units follow both steps; merges that
        // point at each other in a circle have no first one and are refused.
        var merges = rows.Where(r => r.Action == ReorganisationAction.Merge).ToList();
        foreach (var row in merges.Where(r => string.Equals(r.OldCode, r.NewCode, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            Refuse(row, "Đơn vị {0} không thể sáp nhập vào chính nó.", row.OldCode!);
            merges.Remove(row);
        }

        while (merges.Count > 0)
        {
            var next = merges.FirstOrDefault(m => !merges.Any(o => string.Equals(o.NewCode, m.OldCode, StringComparison.OrdinalIgnoreCase)));
            if (next is null)
            {
                foreach (var row in merges)
                {
                    Refuse(row, "Các dòng {0} sáp nhập các đơn vị vào nhau thành vòng lặp.", string.Join(", ", merges.Select(m => m.Line)));
                }

                break;
            }

            merges.Remove(next);
            if (Existing(next, next.OldCode!) is not { } node)
            {
                continue;
            }

            if (!tree.TryGetValue(next.NewCode!, out var successor) || !successor.Active || successor.ValidFrom > date
                || !InScope(successor.Code))
            {
                Refuse(next, "Đơn vị tiếp nhận {0} không tồn tại hoặc không hoạt động vào ngày hiệu lực.", next.NewCode!);
                continue;
            }

            if (Inside(successor.Code, node.Code))
            {
                Refuse(next, "Không thể sáp nhập đơn vị {0} vào đơn vị cấp dưới của nó (vòng lặp).", node.Code);
            }
            else if (successor.Level != node.Level)
            {
                Refuse(next, "Đơn vị {0} (cấp {1}) chỉ sáp nhập được vào đơn vị cùng cấp; {2} là cấp {3}.", node.Code, LevelName(node.Level), successor.Code, LevelName(successor.Level));
            }
            else
            {
                changes.Add(Close(next, node, successor));
            }
        }

        foreach (var row in rows.Where(r => r.Action == ReorganisationAction.AbolishLevel))
        {
            if (Existing(row, row.OldCode!) is not { } top)
            {
                continue;
            }

            var abolished = new List<Node>();
            var stack = new Stack<string>(top.Children);
            while (stack.TryPop(out var code))
            {
                var node = tree[code];
                if (node.Active && node.Level == row.Level)
                {
                    abolished.Add(node);
                }

                foreach (var child in node.Children)
                {
                    stack.Push(child);
                }
            }

            if (abolished.Count == 0)
            {
                Refuse(row, "Không có đơn vị cấp {0} nào đang hoạt động dưới {1}.", LevelName(row.Level!.Value), top.Code);
                continue;
            }

            var before = errors.Count;
            foreach (var node in abolished.OrderBy(n => n.Code, StringComparer.Ordinal))
            {
                var parent = tree[node.Parent!];
                foreach (var child in node.Children.Where(c => tree[c].Active).Select(c => tree[c]))
                {
                    if (!MayStandUnder(child.Level, parent.Level))
                    {
                        Refuse(row, "Đơn vị {0} (cấp {1}) không thể chuyển lên dưới {2} (cấp {3}).", child.Code, LevelName(child.Level), parent.Code, LevelName(parent.Level));
                    }
                }
            }

            if (errors.Count == before)
            {
                changes.AddRange(abolished.OrderBy(n => n.Code, StringComparer.Ordinal).Select(node => Close(row, node, tree[node.Parent!])));
            }
        }

        // A closed unit's active sub-units move under the unit that takes it over; the closed one keeps its place.
        PlannedChange Close(ReorganisationRow row, Node node, Node successor)
        {
            var children = node.Children.Where(c => tree[c].Active).Order(StringComparer.Ordinal).ToList();
            foreach (var child in children)
            {
                Reparent(tree[child], successor.Code);
            }

            node.Active = false;
            return new PlannedChange(row.Line, row.Action, node.Code, successor.Code, null, null, null, null, row.Staff ?? defaultStaff, children);
        }

        return new ReorganisationPlan(date, errors.Count == 0 ? changes : [], [.. errors.OrderBy(e => e.Line)]);
    }

    /// <summary>
    /// The level as the file writes it. Messages about a row name the level in the file's own words, in both languages,
    /// so that the administrator finds them in the file (these words are the file format, not UI text to translate).
    /// </summary>
    public static string LevelName(UnitLevel level) => FileWords.GetValueOrDefault(level, level.ToString());

    private static readonly Dictionary<UnitLevel, string> FileWords = new()
    {
        [UnitLevel.Ministry] = "bộ", [UnitLevel.Province] = "tỉnh", [UnitLevel.District] = "huyện", [UnitLevel.Commune] = "xã", [UnitLevel.Department] = "phòng",
    };
}
