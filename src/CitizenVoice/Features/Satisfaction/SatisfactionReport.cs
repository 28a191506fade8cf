using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Features.Surveys.Rollups;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// Computes satisfaction figures from the survey rollups (<see cref="RollupReader"/>) — never by scanning raw
/// responses — for any filter, per sub-unit, per month and per organisational level: which units a filter means, the
/// statistics, and their presentation. How the counts are stored is the rollups' business.
/// </summary>
public sealed class SatisfactionReport(AppDb db, QuestionnaireCatalog catalog, RollupReader rollups, UnitsOnDate.Cache pastTrees)
{
    private readonly record struct Count(int QuestionId, int Value, long N);

    /// <summary>Thrown for a filter naming a unit, field or procedure that does not exist.</summary>
    public sealed class UnknownCodeException(string parameter, string code) : Exception($"Unknown {parameter}: {code}")
    {
        public string Parameter { get; } = parameter;
        public string Code { get; } = code;
    }

    public async Task<SatisfactionFigures> FiguresAsync(SatisfactionFilter filter, CancellationToken ct = default)
    {
        var selection = await SelectAsync(filter, ct);
        var total = new Total();
        await foreach (var row in rollups.ReadAsync(selection.Query(filter), ct))
        {
            total.Add(row);
        }

        return total.Compute(this, await QuestionsAsync(ct));
    }

    /// <summary>Figures for each unit directly under the filter's unit, each with its whole subtree (and merged predecessors).</summary>
    public async Task<IReadOnlyList<(UnitRef Unit, SatisfactionFigures Figures)>> ByChildUnitAsync(SatisfactionFilter filter, CancellationToken ct = default)
    {
        var selection = await SelectAsync(filter with { Subunits = true }, ct);
        if (selection.OnDate is { } tree)
        {
            return await ByChildUnitOnDateAsync(filter, selection, tree, ct);
        }

        var parentId = selection.Unit?.Id;
        var children = await db.Units.AsNoTracking()
            .Active().Where(u => u.ParentId == parentId)
            .Select(u => new UnitRef(u.Id, u.Code, LocalName.Of(u.Name, u.NameEn), u.Level, u.Path)).ToListAsync(ct);
        var questions = await QuestionsAsync(ct);
        var totals = children.ToDictionary(c => c.Id, _ => new Total());
        var units = await UnitLinksAsync(ct);
        // Subtree rows: each child's (its own and those of units merged into it). Only the row units, not every unit
        // under each child: a province has a hundred communes, and each would otherwise scan the whole national tree.
        var childOf = new Dictionary<int, int>();
        foreach (var child in children)
        {
            foreach (var id in RowUnitIdsOf(child.Id, units))
            {
                childOf[id] = child.Id;
            }
        }

        // A unit's own rows: each unit's history is reported under the active unit it now belongs to (itself, or its
        // successor's branch). Own rows are read for few units (those merged away), so the owner is found for those only.
        var ownerOf = new Dictionary<int, int?>();
        int? OwnerOf(int id)
        {
            if (!ownerOf.TryGetValue(id, out var owner))
            {
                var path = CurrentPath(id, units);
                ownerOf[id] = owner = children.FirstOrDefault(c => path.StartsWith(c.Path, StringComparison.Ordinal))?.Id;
            }

            return owner;
        }

        await foreach (var row in rollups.ReadAsync(selection.Query(filter) with { RowUnitIds = [.. childOf.Keys] }, ct))
        {
            if ((row.OfSubtree ? childOf[row.UnitId] : OwnerOf(row.UnitId)) is { } owner)
            {
                totals[owner].Add(row);
            }
        }

        return [.. children.Select(child => (child, totals[child.Id].Compute(this, questions)))];
    }

    /// <summary>
    /// The same for a period that ended before a reorganisation: the unit's sub-units as they stood on the period's last
    /// day, each with the responses of the units under it then (and of units merged into those before that day) — from
    /// its subtree rows when it counts the same units today (<see cref="UnitsOnDate.CountsAsToday"/>), otherwise from the
    /// own rows of the units it counted then.
    /// </summary>
    private async Task<IReadOnlyList<(UnitRef Unit, SatisfactionFigures Figures)>> ByChildUnitOnDateAsync(
        SatisfactionFilter filter, Selection selection, UnitsOnDate tree, CancellationToken ct)
    {
        var children = tree.Units.Where(u => u.ParentId == selection.Unit!.Id)
            .Select(u => new UnitRef(u.Id, u.Code, u.Name, u.Level, u.Path)).OrderBy(u => u.Path, StringComparer.Ordinal).ToList();
        // Every unit counted then, by the child it counted in: its own rows (and the daily rows a filter may need) go there.
        var childOf = new Dictionary<int, UnitRef>();
        foreach (var id in selection.UnitIds!)
        {
            if (tree.AnsweredBy(id) is { } answeredBy
                && children.FirstOrDefault(c => tree.Find(answeredBy)!.Path.StartsWith(c.Path, StringComparison.Ordinal)) is { } child)
            {
                childOf[id] = child;
            }
        }

        var links = await UnitLinksAsync(ct);
        // The units whose subtree rows make up each child that counts as today (each in one child only: a unit inside
        // another child's tree would have made that child count differently).
        var subtreeOf = new Dictionary<int, UnitRef>();
        foreach (var child in children.Where(c => tree.CountsAsToday(c.Id)))
        {
            RowUnitIdsOf(child.Id, links, tree.Day).ForEach(id => subtreeOf.TryAdd(id, child));
        }

        var totals = children.ToDictionary(c => c.Id, _ => new Total());
        var query = selection.Query(filter);
        List<int> asToday = [.. childOf.Where(c => tree.CountsAsToday(c.Value.Id)).Select(c => c.Key)];
        List<int> asThen = [.. childOf.Where(c => !tree.CountsAsToday(c.Value.Id)).Select(c => c.Key)];
        foreach (var part in new[]
        {
            query with { UnitIds = asToday, RowUnitIds = [.. subtreeOf.Keys], Subtree = true },
            query with { UnitIds = asThen, RowUnitIds = asThen, Subtree = false },
        }.Where(q => q.RowUnitIds.Count > 0))
        {
            await foreach (var row in rollups.ReadAsync(part, ct))
            {
                if ((row.OfSubtree ? subtreeOf : childOf).TryGetValue(row.UnitId, out var child))
                {
                    totals[child.Id].Add(row);
                }
            }
        }

        var questions = await QuestionsAsync(ct);
        return [.. children.Select(child => (child, totals[child.Id].Compute(this, questions)))];
    }

    /// <summary>
    /// The figures for the filter's whole period and month by month, from one read of the rows: a dashboard shows both,
    /// and they are the same rows summed two ways.
    /// </summary>
    public async Task<(SatisfactionFigures Figures, IReadOnlyList<(DateOnly Month, SatisfactionFigures Figures)> Months)> ByMonthAsync(
        SatisfactionFilter filter, CancellationToken ct = default)
    {
        var selection = await SelectAsync(filter, ct);
        var all = new Total();
        var months = new SortedDictionary<DateOnly, Total>();
        await foreach (var row in rollups.ReadAsync(selection.Query(filter), ct))
        {
            var month = new DateOnly(row.Period.Year, row.Period.Month, 1);
            if (!months.TryGetValue(month, out var total))
            {
                months[month] = total = new Total();
            }

            total.Add(row);
            all.Add(row);
        }

        var questions = await QuestionsAsync(ct);
        return (all.Compute(this, questions), [.. months.Where(m => m.Value.Responses != 0).Select(m => (m.Key, m.Value.Compute(this, questions)))]);
    }

    /// <summary>
    /// As provincial reports present it: per level (province, district, commune), ratings, satisfied and the rate — by the
    /// levels that existed in the period: a period before district police were abolished has three levels, one after has
    /// province and commune only.
    /// </summary>
    public async Task<IReadOnlyList<(UnitLevel Level, long Ratings, long Satisfied)>> ByLevelAsync(SatisfactionFilter filter, CancellationToken ct = default)
    {
        var selection = await SelectAsync(filter, ct);
        var links = await UnitLinksAsync(ct);
        var levelOf = links.LevelOf;
        var levels = new SortedDictionary<UnitLevel, Total>();
        Total Of(UnitLevel level) => levels.TryGetValue(level, out var total) ? total : levels[level] = new Total();
        if (selection.OwnRows)
        {
            // The tree of the period: every row is a unit's own, counted at the unit's level.
            await foreach (var row in rollups.ReadAsync(selection.Query(filter), ct))
            {
                Of(levelOf[row.UnitId]).Add(row);
            }

            return Levels(levels, await QuestionsAsync(ct));
        }

        await foreach (var (level, sign, row) in rollups.ReadByLevelAsync(selection.Query(filter), levelOf, ct))
        {
            if (sign > 0)
            {
                Of(level).Add(row);
            }
            else
            {
                Of(level).Subtract(row);
            }
        }

        // A unit stands at its level while it is in service. Its own responses dated on or after the day it closed
        // (recorded before a reorganisation dated back was entered) belong to the structure of that day, so they count
        // at the level of the unit that answers for it: an abolished district's at the province's. The rollups keep
        // them under the unit, so only these few units' own rows are read again, one read per closing day.
        var inSelection = selection.UnitIds?.ToHashSet();
        var closedUnits = links.ClosedOn
            .Where(c => c.Value <= filter.To && (inSelection is null || inSelection.Contains(c.Key)))
            .Select(c => (Id: c.Key, Closed: c.Value, Was: levelOf[c.Key], Now: levelOf[CurrentUnit(c.Key, links)]))
            .Where(c => c.Was != c.Now)
            .GroupBy(c => c.Closed < filter.From ? filter.From : c.Closed);
        foreach (var closedOn in closedUnits)
        {
            var units = closedOn.ToDictionary(c => c.Id);
            List<int> ids = [.. units.Keys];
            await foreach (var row in rollups.ReadAsync(selection.Query(filter) with { From = closedOn.Key, UnitIds = ids, RowUnitIds = ids, Subtree = false }, ct))
            {
                Of(units[row.UnitId].Was).Subtract(row);
                Of(units[row.UnitId].Now).Add(row);
            }
        }

        return Levels(levels, await QuestionsAsync(ct));
    }

    private static List<(UnitLevel Level, long Ratings, long Satisfied)> Levels(SortedDictionary<UnitLevel, Total> levels, Dictionary<int, QuestionMeta> questions) =>
        [.. levels.Select(level =>
        {
            var counts = level.Value.Counts().Where(c => questions.TryGetValue(c.QuestionId, out var q) && q.Kind == QuestionKind.Element && q.Scale!.Allows(c.Value)).ToList();
            return (level.Key, counts.Sum(c => c.N), counts.Where(c => questions[c.QuestionId].IsSatisfied(c.Value)).Sum(c => c.N));
        }).Where(l => l.Item2 > 0)];

    /// <summary>Rollup rows summed in memory: the responses and every question × value count.</summary>
    private sealed class Total
    {
        private readonly AnswerCounts _answers = new(dense: true);

        public long Responses { get; private set; }

        public void Add(RollupCount row) => Add(row, row.Sign);

        public void Subtract(RollupCount row) => Add(row, -row.Sign);

        private void Add(RollupCount row, int sign)
        {
            Responses += sign * row.Responses;
            _answers.Add(row.Answers, sign);
        }

        public IEnumerable<Count> Counts() => _answers.Entries.Select(e => new Count(e.QuestionId, e.Value, e.Count));

        public SatisfactionFigures Compute(SatisfactionReport report, Dictionary<int, QuestionMeta> questions) => report.Compute(questions, Counts(), Responses);
    }

    public sealed record UnitRef(int Id, string Code, string Name, UnitLevel Level, string Path);

    /// <summary>
    /// The units, field and procedure a filter names, resolved to ids. <paramref name="UnitIds"/> is every unit whose
    /// responses count (null: all); <paramref name="RowUnitIds"/> the units whose summed rows give the same count: with
    /// sub-units, the unit and each predecessor not already inside its tree; without, the unit and its predecessors.
    /// </summary>
    /// <summary>
    /// <paramref name="OnDate"/> is set when the period ended before the tree last changed and the unit was in service
    /// then: the unit and its sub-units are those of the period's last day. <paramref name="OwnRows"/> when the unit counts
    /// other units then than now: its figure is then summed from the own rows of the units it counted then.
    /// </summary>
    private sealed record Selection(UnitRef? Unit, List<int>? UnitIds, List<int> RowUnitIds, bool Subunits, int? FieldId, int? ProcedureId, UnitsOnDate? OnDate = null, bool OwnRows = false)
    {
        public RollupQuery Query(SatisfactionFilter f) =>
            new(f.From, f.To, UnitIds, RowUnitIds, Subunits, FieldId, ProcedureId, f.Channel, f.RespondentType);
    }

    private sealed record QuestionMeta(int Id, string Code, QuestionKind Kind, string Text, string? TextEn, ElementView? Element, ScaleView? Scale, int Version, QuestionnaireVersionUsed Source)
    {
        public bool IsSatisfied(int value) => Scale?.Values.Any(v => v.Value == value && v.Satisfied) == true;
    }

    private async Task<Selection> SelectAsync(SatisfactionFilter f, CancellationToken ct)
    {
        UnitRef? unit = null;
        List<int>? ids = null;
        List<int> rowUnitIds;
        UnitsOnDate? onDate = null;
        if (string.IsNullOrWhiteSpace(f.UnitCode))
        {
            // Everything: the subtree rows of every root.
            rowUnitIds = await db.Units.Where(u => u.ParentId == null).Select(u => u.Id).ToListAsync(ct);
        }
        else
        {
            var code = f.UnitCode;
            unit = await db.Units.AsNoTracking().Where(u => u.Code == code)
                .Select(u => new UnitRef(u.Id, u.Code, LocalName.Of(u.Name, u.NameEn), u.Level, u.Path)).SingleOrDefaultAsync(ct)
                ?? throw new UnknownCodeException("unit", f.UnitCode);
            // The unit, the units merged into it, and (with sub-units) everything under any of them — under it as the
            // tree stood at the period's end, when that was another tree than today's and the unit has closed since or
            // the screen lists the units of the period (SatisfactionFilter.TreeOfPeriod).
            var units = await UnitLinksAsync(ct);
            if (f.Subunits && (f.TreeOfPeriod || units.Closed.Contains(unit.Id))
                && await TreeOnAsync(f.To, ct) is { } tree && tree.Find(unit.Id) is { } then)
            {
                onDate = tree;
                unit = unit with { Name = then.Name, Path = then.Path };
                if (tree.CountsAsToday(unit.Id))
                {
                    (ids, rowUnitIds) = Subtree(unit.Id, units, tree.Day);
                }
                else
                {
                    ids = rowUnitIds = tree.SubtreeIds(then);
                }
            }
            else if (f.Subunits)
            {
                (ids, rowUnitIds) = Subtree(unit.Id, units);
            }
            else
            {
                ids = rowUnitIds = WithPredecessors(unit.Id, units);
            }
        }

        int? fieldId = null;
        if (!string.IsNullOrWhiteSpace(f.FieldCode))
        {
            var code = f.FieldCode;
            fieldId = await db.Fields.Where(x => x.Code == code).Select(x => (int?)x.Id).SingleOrDefaultAsync(ct)
                ?? throw new UnknownCodeException("field", f.FieldCode);
        }

        int? procedureId = null;
        if (!string.IsNullOrWhiteSpace(f.ProcedureCode))
        {
            var code = f.ProcedureCode;
            procedureId = await db.Procedures.Where(x => x.Code == code).Select(x => (int?)x.Id).SingleOrDefaultAsync(ct)
                ?? throw new UnknownCodeException("procedure", f.ProcedureCode);
        }

        var ownRows = onDate is not null && !onDate.CountsAsToday(unit!.Id);
        return new Selection(unit, ids, rowUnitIds, !ownRows && (f.Subunits || unit is null), fieldId, procedureId, onDate, ownRows);
    }

    private Dictionary<int, QuestionMeta>? _questions;

    /// <summary>
    /// Every question of every published questionnaire version, from the catalogue's cache. Read once per request (the
    /// report is scoped): a dashboard computes figures some fifty times (the unit, each unit under it, each month).
    /// </summary>
    private async Task<Dictionary<int, QuestionMeta>> QuestionsAsync(CancellationToken ct) => _questions ??= await ReadQuestionsAsync(ct);

    private async Task<Dictionary<int, QuestionMeta>> ReadQuestionsAsync(CancellationToken ct)
    {
        var versions = await db.Questionnaires.AsNoTracking().Where(q => q.Status == QuestionnaireStatus.Published)
            .Select(q => new { q.Id, Used = new QuestionnaireVersionUsed(q.Code, q.Version, q.Title, q.TitleEn, q.PublishedAt) }).ToListAsync(ct);
        var result = new Dictionary<int, QuestionMeta>();
        foreach (var (id, used) in versions.Select(v => (v.Id, v.Used)))
        {
            var view = (await catalog.LoadAsync(id, ct))!;
            foreach (var element in view.Elements)
            {
                foreach (var q in element.Questions)
                {
                    result[q.Id] = new QuestionMeta(q.Id, q.Code, q.Kind, q.Text, q.TextEn, element, q.Scale, view.Version, used);
                }
            }

            if (view.Overall is { } overall)
            {
                result[overall.Id] = new QuestionMeta(overall.Id, overall.Code, overall.Kind, overall.Text, overall.TextEn, null, overall.Scale, view.Version, used);
            }
        }

        return result;
    }

    /// <summary>
    /// How the questions group into figures: by element, then by stable code across questionnaire versions (the latest
    /// version's text and scale), and the overall question's codes. The same for every figure of a request, so worked
    /// out once per set of questions, not once per unit and month.
    /// </summary>
    private sealed record Layout(
        List<(ElementView Element, List<(QuestionMeta Latest, int[] Ids)> Codes)> Elements, List<(QuestionMeta Latest, int[] Ids)> Overall)
    {
        public static Layout Of(Dictionary<int, QuestionMeta> questions)
        {
            static (QuestionMeta, int[]) ByCode(IGrouping<string, QuestionMeta> byCode) =>
                (byCode.OrderByDescending(q => q.Version).First(), [.. byCode.Select(q => q.Id).Distinct()]);
            var elements = questions.Values.Where(q => q.Kind == QuestionKind.Element && q.Element is not null && q.Scale is not null)
                .GroupBy(q => q.Element!.Code)
                .Select(g => (g.OrderByDescending(q => q.Version).First().Element!, g.GroupBy(q => q.Code).Select(ByCode).ToList()))
                .ToList();
            var overall = questions.Values.Where(q => q.Kind == QuestionKind.Overall && q.Scale is not null).GroupBy(q => q.Code).Select(ByCode).ToList();
            return new Layout(elements, overall);
        }
    }

    private (Dictionary<int, QuestionMeta> Questions, Layout Layout)? _layout;

    /// <summary>
    /// The satisfaction arithmetic (see SatisfactionMath) over counts: questions are followed across questionnaire versions by their
    /// stable code; an element's index is the mean of its questions' rates; the index is the mean of the elements.
    /// </summary>
    private SatisfactionFigures Compute(Dictionary<int, QuestionMeta> questions, IEnumerable<Count> counts, long responses)
    {
        if (_layout is not { } cached || !ReferenceEquals(cached.Questions, questions))
        {
            _layout = cached = (questions, Layout.Of(questions));
        }

        var layout = cached.Layout;
        // The counts of each question, valid values only, and the questionnaire versions they come from.
        var known = new Dictionary<int, List<Count>>();
        var sources = new List<QuestionnaireVersionUsed>();
        foreach (var c in counts)
        {
            if (questions.TryGetValue(c.QuestionId, out var meta) && meta.Scale?.Allows(c.Value) == true)
            {
                if (!known.TryGetValue(c.QuestionId, out var list))
                {
                    known[c.QuestionId] = list = [];
                }

                list.Add(c);
                if (c.N > 0 && !sources.Contains(meta.Source))
                {
                    sources.Add(meta.Source);
                }
            }
        }

        QuestionFigure Figure((QuestionMeta Latest, int[] Ids) byCode)
        {
            var (latest, ids) = byCode;
            var values = latest.Scale!.Values;
            var byValue = new long[values.Count];
            long valid = 0, satisfied = 0;
            foreach (var id in ids)
            {
                if (!known.TryGetValue(id, out var list))
                {
                    continue;
                }

                var meta = questions[id];
                foreach (var c in list)
                {
                    valid += c.N;
                    satisfied += meta.IsSatisfied(c.Value) ? c.N : 0;
                    for (var v = 0; v < values.Count; v++)
                    {
                        if (values[v].Value == c.Value)
                        {
                            byValue[v] += c.N;
                        }
                    }
                }
            }

            var distribution = new List<ValueCount>(values.Count);
            for (var v = 0; v < values.Count; v++)
            {
                distribution.Add(new ValueCount(values[v].Value, values[v].Label, values[v].LabelEn, values[v].Satisfied, byValue[v]));
            }

            return new QuestionFigure(latest.Id, latest.Code, latest.Text, latest.TextEn, latest.Element?.Code, SatisfactionMath.RateOf(satisfied, valid), distribution);
        }

        var elements = layout.Elements
            .Select(e =>
            {
                var figures = e.Codes.Select(Figure).Where(q => q.Rate.N > 0).ToList();
                return new ElementFigure(e.Element.Code, e.Element.Name, e.Element.NameEn, SatisfactionMath.MeanOf(figures.Select(q => q.Rate), responses), figures);
            })
            .Where(e => e.Questions.Count > 0)
            .OrderBy(e => e.Code, StringComparer.Ordinal)
            .ToList();
        var overall = layout.Overall.Select(Figure).Where(q => q.Rate.N > 0).OrderByDescending(q => q.Rate.N).FirstOrDefault();
        var versions = sources.OrderBy(v => v.PublishedAt).ToList();
        return new SatisfactionFigures(responses, SatisfactionMath.MeanOf(elements.Select(e => e.Index), responses), elements, overall) { Versions = versions };
    }

    /// <summary>
    /// Every unit's path and level, the successor of each unit merged away and, the other way round, the units merged
    /// into each, and the units closed: the tree and its merges, read once per report.
    /// </summary>
    private sealed record UnitLinks(
        Dictionary<int, string> PathOf, Dictionary<int, UnitLevel> LevelOf, Dictionary<int, int> SuccessorOf, Dictionary<int, DateOnly> ClosedOn,
        ILookup<int, int> PredecessorsOf, HashSet<int> Closed);

    private UnitLinks? _units;

    private readonly Dictionary<DateOnly, UnitsOnDate?> _trees = [];

    /// <summary>The tree on a day when it differs from today's; read once per day per request (a dashboard asks for its period and the year before).</summary>
    public async Task<UnitsOnDate?> TreeOnAsync(DateOnly day, CancellationToken ct)
    {
        if (!_trees.TryGetValue(day, out var tree))
        {
            _trees[day] = tree = await pastTrees.GetAsync(db, day, ct);
        }

        return tree;
    }

    /// <summary>Read once per request (the report is scoped): a dashboard asks for figures, sub-units, months and levels.</summary>
    private async Task<UnitLinks> UnitLinksAsync(CancellationToken ct)
    {
        if (_units is null)
        {
            var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path, u.Level, u.SuccessorId, u.ValidTo }).ToListAsync(ct);
            var merged = units.Where(u => u.SuccessorId != null).ToList();
            _units = new UnitLinks(units.ToDictionary(u => u.Id, u => u.Path), units.ToDictionary(u => u.Id, u => u.Level),
                merged.ToDictionary(u => u.Id, u => u.SuccessorId!.Value),
                merged.Where(u => u.ValidTo != null).ToDictionary(u => u.Id, u => u.ValidTo!.Value),
                merged.ToLookup(u => u.SuccessorId!.Value, u => u.Id),
                [.. units.Where(u => u.ValidTo != null || u.SuccessorId != null).Select(u => u.Id)]);
        }

        return _units;
    }

    /// <summary>
    /// The unit and every unit merged into it, directly or through a chain of merges (as <see cref="UnitTree.WithPredecessors(int, IReadOnlyDictionary{int, int})"/>);
    /// with <paramref name="mergedBy"/>, only merges made by that day (a unit's sub-units as they stood on a past day).
    /// </summary>
    private static List<int> WithPredecessors(int unitId, UnitLinks units, DateOnly? mergedBy = null)
    {
        var result = new List<int> { unitId };
        for (var i = 0; i < result.Count; i++)
        {
            result.AddRange(units.PredecessorsOf[result[i]]
                .Where(p => !result.Contains(p) && (mergedBy is null || units.ClosedOn.GetValueOrDefault(p, DateOnly.MaxValue) <= mergedBy)).ToList());
        }

        return result;
    }

    private readonly Dictionary<(int, DateOnly?), (List<int> Ids, List<int> RowUnitIds)> _subtrees = [];

    /// <summary>
    /// With sub-units: every unit under the unit or a unit merged into it (by <paramref name="mergedBy"/> if given), and
    /// the units whose subtree rows make up the same figure — each of those not already inside another one's tree, which
    /// counts it. Worked out once per unit and request: a dashboard selects the same unit four times, and the whole tree
    /// is scanned for it.
    /// </summary>
    private (List<int> Ids, List<int> RowUnitIds) Subtree(int unitId, UnitLinks units, DateOnly? mergedBy = null)
    {
        if (!_subtrees.TryGetValue((unitId, mergedBy), out var subtree))
        {
            var lineage = WithPredecessors(unitId, units, mergedBy).Select(id => units.PathOf[id]).ToList();
            var ids = units.PathOf.Where(u => lineage.Any(path => u.Value.StartsWith(path, StringComparison.Ordinal))).Select(u => u.Key).ToList();
            _subtrees[(unitId, mergedBy)] = subtree = (ids, RowUnitIdsOf(unitId, units, mergedBy));
        }

        return subtree;
    }

    /// <summary>The row units of <see cref="Subtree"/> alone, without scanning the tree.</summary>
    private static List<int> RowUnitIdsOf(int unitId, UnitLinks units, DateOnly? mergedBy = null)
    {
        var lineage = WithPredecessors(unitId, units, mergedBy).Select(id => (Id: id, Path: units.PathOf[id])).ToList();
        return [.. lineage.Where(l => !lineage.Any(o => o.Id != l.Id && l.Path.StartsWith(o.Path, StringComparison.Ordinal))).Select(l => l.Id)];
    }

    private static string CurrentPath(int unitId, UnitLinks units) => units.PathOf[CurrentUnit(unitId, units)];

    /// <summary>The unit that answers for a unit now: itself, or the end of its chain of successors.</summary>
    private static int CurrentUnit(int unitId, UnitLinks units)
    {
        if (!units.SuccessorOf.ContainsKey(unitId))
        {
            return unitId;
        }

        var seen = new HashSet<int>();
        var id = unitId;
        while (units.SuccessorOf.TryGetValue(id, out var next) && seen.Add(id))
        {
            id = next;
        }

        return id;
    }
}
