using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// Computes satisfaction figures from the rollup tables only — never by scanning raw responses — for any filter, per
/// sub-unit, per month and per organisational level.
/// </summary>
public sealed class SatisfactionReport(AppDb db, QuestionnaireCatalog catalog, TimeProvider clock, WriteGate gate)
{
    private sealed record Count(int QuestionId, int Value, long N);

    /// <summary>Thrown for a filter naming a unit, field or procedure that does not exist.</summary>
    public sealed class UnknownCodeException(string parameter, string code) : Exception($"Unknown {parameter}: {code}")
    {
        public string Parameter { get; } = parameter;
        public string Code { get; } = code;
    }

    public async Task<SatisfactionFigures> FiguresAsync(SatisfactionFilter filter, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(filter, ct);
        var total = new Total();
        foreach (var (part, source) in Parts(filter, scope.Subunits))
        {
            await foreach (var row in Rows(scope, part, source).AsAsyncEnumerable().WithCancellation(ct))
            {
                total.Add(row);
            }
        }

        return total.Compute(await QuestionsAsync(ct));
    }

    /// <summary>Where a part of a period is read from: <see cref="MonthlyRollup"/> rows by month or by day, or <see cref="DailyRollup"/> rows.</summary>
    private enum Source { Monthly, Days, Daily }

    /// <summary>
    /// Which rows answer each part of a period, so a figure never reads more than a few hundred rows. Whole months come
    /// from the monthly rows (the current month counts as whole: nothing after today exists yet). The days before and
    /// after them (a year earlier than "since the 1st of last November until today" ends on today's date a year ago)
    /// come from the rows by day (subtree, each level below) for a subtree's figure (<paramref name="subtree"/>),
    /// otherwise from the daily rows, which for a single unit are few. For one procedure, whole months come from its
    /// monthly rows (all channels) and the days at either end from the daily rows; with a channel or respondent
    /// filter too, or <paramref name="procedureMonths"/> false (figures per level), everything from the daily rows.
    /// </summary>
    private IEnumerable<(SatisfactionFilter Part, Source Source)> Parts(SatisfactionFilter f, bool subtree, bool procedureMonths = true)
    {
        if (f.ProcedureCode is not null && (!procedureMonths || f.Channel is not null || f.RespondentType is not null))
        {
            yield return (f, Source.Daily);
            yield break;
        }

        var today = SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        var firstWhole = f.From.Day == 1 ? f.From : new DateOnly(f.From.Year, f.From.Month, 1).AddMonths(1);
        var lastWholeEnd = f.To.AddDays(1).Day == 1 || f.To >= today ? f.To : new DateOnly(f.To.Year, f.To.Month, 1).AddDays(-1);
        var days = subtree && f.ProcedureCode is null ? Source.Days : Source.Daily;
        if (firstWhole > lastWholeEnd)
        {
            yield return (f, days);
            yield break;
        }

        if (f.From < firstWhole)
        {
            yield return (f with { To = firstWhole.AddDays(-1) }, days);
        }

        yield return (f with { From = firstWhole, To = lastWholeEnd }, Source.Monthly);
        if (lastWholeEnd < f.To)
        {
            yield return (f with { From = lastWholeEnd.AddDays(1) }, days);
        }
    }

    /// <summary>Figures for each unit directly under the filter's unit, each with its whole subtree (and merged predecessors).</summary>
    public async Task<IReadOnlyList<(UnitRef Unit, SatisfactionFigures Figures)>> ByChildUnitAsync(SatisfactionFilter filter, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(filter with { Subunits = true }, ct);
        var parentId = scope.Unit?.Id;
        var children = await db.Units.AsNoTracking()
            .Where(u => u.ParentId == parentId && u.ValidTo == null && u.SuccessorId == null)
            .Select(u => new UnitRef(u.Id, u.Code, u.Name, u.Level, u.Path)).ToListAsync(ct);
        var questions = await QuestionsAsync(ct);
        var totals = children.ToDictionary(c => c.Id, _ => new Total());
        var units = await UnitLinksAsync(ct);
        // Monthly and by-day rows: each child's subtree rows (its own and those of units merged into it).
        var childOf = new Dictionary<int, int>();
        foreach (var child in children)
        {
            foreach (var id in Subtree(child.Id, units).MonthlyIds)
            {
                childOf[id] = child.Id;
            }
        }

        // Daily rows: each unit's history is reported under the active unit it now belongs to (itself, or its successor's branch).
        var ownerOf = units.PathOf.Keys.ToDictionary(id => id, id =>
        {
            var path = CurrentPath(id, units);
            return children.FirstOrDefault(c => path.StartsWith(c.Path, StringComparison.Ordinal))?.Id;
        });
        foreach (var (part, source) in Parts(filter, subtree: true))
        {
            var rows = Rows(source == Source.Daily ? scope : scope with { MonthlyUnitIds = [.. childOf.Keys] }, part, source);
            await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                if ((source == Source.Daily ? ownerOf.GetValueOrDefault(row.UnitId) : childOf[row.UnitId]) is { } owner)
                {
                    totals[owner].Add(row);
                }
            }
        }

        return [.. children.Select(child => (child, totals[child.Id].Compute(questions)))];
    }

    /// <summary>
    /// The figures for the filter's whole period and month by month, from one read of the rows: a dashboard shows both,
    /// and they are the same rows summed two ways.
    /// </summary>
    public async Task<(SatisfactionFigures Figures, IReadOnlyList<(DateOnly Month, SatisfactionFigures Figures)> Months)> ByMonthAsync(
        SatisfactionFilter filter, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(filter, ct);
        var all = new Total();
        var months = new SortedDictionary<DateOnly, Total>();
        foreach (var (part, source) in Parts(filter, scope.Subunits))
        {
            await foreach (var row in Rows(scope, part, source).AsAsyncEnumerable().WithCancellation(ct))
            {
                var month = new DateOnly(row.Day.Year, row.Day.Month, 1);
                if (!months.TryGetValue(month, out var total))
                {
                    months[month] = total = new Total();
                }

                total.Add(row);
                all.Add(row);
            }
        }

        var questions = await QuestionsAsync(ct);
        return (all.Compute(questions), [.. months.Where(m => m.Value.Responses != 0).Select(m => (m.Key, m.Value.Compute(questions)))]);
    }

    /// <summary>As provincial reports present it: per level (province, district, commune), ratings, satisfied and the rate.</summary>
    public async Task<IReadOnlyList<(UnitLevel Level, long Ratings, long Satisfied)>> ByLevelAsync(SatisfactionFilter filter, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(filter, ct);
        var levelOf = (await UnitLinksAsync(ct)).LevelOf;
        var levels = new SortedDictionary<UnitLevel, Total>();
        Total At(UnitLevel level) => levels.TryGetValue(level, out var total) ? total : levels[level] = new Total();

        foreach (var (part, source) in Parts(filter, scope.Subunits, procedureMonths: false))
        {
            if (source == Source.Daily)
            {
                await foreach (var row in Rows(scope, part, source).AsAsyncEnumerable().WithCancellation(ct))
                {
                    At(levelOf[row.UnitId]).Add(row);
                }

                continue;
            }

            // Whole months: the monthly own and per-level rows. The days at either end: the rows by day of the scope's
            // units, subtree and each level below; a unit's own count is its subtree less the levels below it.
            await foreach (var r in LevelRows(scope, part, byDay: source == Source.Days).AsAsyncEnumerable().WithCancellation(ct))
            {
                var row = new Row(r.UnitId, r.Month, r.Responses, r.Answers);
                if (MonthlyRollup.IsBelow(r.Scope))
                {
                    At(MonthlyRollup.LevelOf(r.Scope)).Add(row);
                    if (source == Source.Days)
                    {
                        At(levelOf[r.UnitId]).Subtract(row);
                    }
                }
                else
                {
                    At(levelOf[r.UnitId]).Add(row);
                }
            }
        }

        var questions = await QuestionsAsync(ct);
        return [.. levels.Select(level =>
        {
            var counts = level.Value.Counts().Where(c => questions.TryGetValue(c.QuestionId, out var q) && q.Kind == QuestionKind.Element && q.Scale!.Allows(c.Value)).ToList();
            return (level.Key, counts.Sum(c => c.N), counts.Where(c => questions[c.QuestionId].IsSatisfied(c.Value)).Sum(c => c.N));
        }).Where(l => l.Item2 > 0)];
    }

    /// <summary>A rollup row as the report reads it: its unit and day (or month), people, and their answers packed.</summary>
    private sealed record Row(int UnitId, DateOnly Day, long Responses, string Answers);

    /// <summary>Rollup rows summed in memory: the responses and every question × value count.</summary>
    private sealed class Total
    {
        private readonly AnswerCounts _answers = new(dense: true);

        public long Responses { get; private set; }

        public void Add(Row row)
        {
            Responses += row.Responses;
            _answers.Add(row.Answers);
        }

        public void Subtract(Row row)
        {
            Responses -= row.Responses;
            _answers.Subtract(row.Answers);
        }

        public IEnumerable<Count> Counts() => _answers.Entries.Select(e => new Count(e.QuestionId, e.Value, e.Count));

        public SatisfactionFigures Compute(Dictionary<int, QuestionMeta> questions) => SatisfactionReport.Compute(questions, Counts(), Responses);
    }

    public sealed record UnitRef(int Id, string Code, string Name, UnitLevel Level, string Path);

    /// <param name="MonthlyUnitIds">The units whose monthly rows make up the figure: with sub-units, the tree rows of the
    /// unit and of each predecessor not already inside its tree; without, the own rows of the unit and its predecessors.</param>
    private sealed record Scope(UnitRef? Unit, List<int>? UnitIds, List<int> MonthlyUnitIds, bool Subunits, int? FieldId, int? ProcedureId);

    private sealed record QuestionMeta(int Id, string Code, QuestionKind Kind, string Text, string? TextEn, ElementView? Element, ScaleView? Scale, int Version, QuestionnaireVersionUsed Source)
    {
        public bool IsSatisfied(int value) => Scale?.Values.Any(v => v.Value == value && v.Satisfied) == true;
    }

    private IQueryable<Row> Rows(Scope scope, SatisfactionFilter part, Source source) => source switch
    {
        Source.Monthly => MonthlyRows(scope, part).Select(r => new Row(r.UnitId, r.Month, r.Responses, r.Answers)),
        Source.Days => TreeDayRows(scope, part).Select(r => new Row(r.UnitId, r.Month, r.Responses, r.Answers)),
        _ => DailyRows(scope, part).Select(r => new Row(r.UnitId, r.Day, r.Responses, r.Answers)),
    };

    private IQueryable<MonthlyRollup> MonthlyRows(Scope scope, SatisfactionFilter f)
    {
        var (first, to) = (new DateOnly(f.From.Year, f.From.Month, 1), f.To);
        var rows = db.MonthlyRollups.AsNoTracking().Where(r => r.Month >= first && r.Month <= to);
        var ids = scope.MonthlyUnitIds;
        var unitScope = scope.Subunits ? MonthlyRollup.Tree : MonthlyRollup.Own;
        if (scope.ProcedureId is { } procedure)
        {
            unitScope = scope.Subunits ? MonthlyRollup.ProcedureTree : MonthlyRollup.ProcedureOwn;
            rows = rows.Where(r => r.ProcedureId == procedure);
        }

        rows = ids is [var only]
            ? rows.Where(r => r.Scope == unitScope && r.UnitId == only)
            : rows.Where(r => r.Scope == unitScope && ids.Contains(r.UnitId));
        return Filtered(rows, scope, f);
    }

    /// <summary>The subtree-by-day rows of the scope's units over the days of <paramref name="f"/>.</summary>
    private IQueryable<MonthlyRollup> TreeDayRows(Scope scope, SatisfactionFilter f)
    {
        var (ids, from, to) = (scope.MonthlyUnitIds, f.From, f.To);
        var rows = db.MonthlyRollups.AsNoTracking().Where(r => r.Month >= from && r.Month <= to);
        rows = ids is [var only]
            ? rows.Where(r => r.Scope == MonthlyRollup.TreeDay && r.UnitId == only)
            : rows.Where(r => r.Scope == MonthlyRollup.TreeDay && ids.Contains(r.UnitId));
        return Filtered(rows, scope, f);
    }

    /// <summary>
    /// Without a channel or respondent filter, the rows for all channels and respondent types (channel 0): a row per
    /// unit, month (or day) and field instead of one per channel and respondent type too. With either, the rows split by both.
    /// </summary>
    private static IQueryable<MonthlyRollup> Filtered(IQueryable<MonthlyRollup> rows, Scope scope, SatisfactionFilter f)
    {
        if (scope.FieldId is { } field) { rows = rows.Where(r => r.FieldId == field); }
        if (f.Channel is null && f.RespondentType is null) { return rows.Where(r => r.Channel == MonthlyRollup.AllChannels); }
        rows = f.Channel is { } channel ? rows.Where(r => r.Channel == channel) : rows.Where(r => r.Channel != MonthlyRollup.AllChannels);
        if (f.RespondentType is { } respondent) { rows = rows.Where(r => r.RespondentType == respondent); }
        return rows;
    }

    /// <summary>
    /// The rows that give figures per level: by month, the own rows of the scope's units and, with sub-units, their rows
    /// for each level below them; <paramref name="byDay"/>, their subtree rows and rows for each level below, by day.
    /// </summary>
    private IQueryable<MonthlyRollup> LevelRows(Scope scope, SatisfactionFilter f, bool byDay)
    {
        var (ids, from, to) = (scope.MonthlyUnitIds, f.From, f.To);
        // Scopes as a list, not a range: each is then one narrow range of the key (unit, scope, day), where "scope 20
        // and above" read every day of every level below the unit (17 ms against 2 ms for the province's part month).
        if (byDay)
        {
            var dayScopes = LevelDayScopes;
            var days = db.MonthlyRollups.AsNoTracking().Where(r => ids.Contains(r.UnitId) && dayScopes.Contains(r.Scope) && r.Month >= from && r.Month <= to);
            return Filtered(days, scope, f);
        }

        var first = new DateOnly(from.Year, from.Month, 1);
        var monthScopes = scope.Subunits ? LevelMonthScopes : [MonthlyRollup.Own];
        var rows = db.MonthlyRollups.AsNoTracking().Where(r => ids.Contains(r.UnitId) && monthScopes.Contains(r.Scope) && r.Month >= first && r.Month <= to);
        return Filtered(rows, scope, f);
    }

    /// <summary>The scopes that give figures per level by day: the subtree, and the units of each level below.</summary>
    private static readonly int[] LevelDayScopes = [MonthlyRollup.TreeDay, .. Enum.GetValues<UnitLevel>().Select(MonthlyRollup.BelowDay)];

    /// <summary>The scopes that give figures per level by month: the unit's own rows, and the units of each level below.</summary>
    private static readonly int[] LevelMonthScopes = [MonthlyRollup.Own, .. Enum.GetValues<UnitLevel>().Select(MonthlyRollup.Below)];

    private IQueryable<DailyRollup> DailyRows(Scope scope, SatisfactionFilter f)
    {
        var (from, to) = (f.From, f.To);
        var rows = db.DailyRollups.AsNoTracking().Where(r => r.Day >= from && r.Day <= to);
        if (scope.UnitIds is [var only]) { rows = rows.Where(r => r.UnitId == only); }
        else if (scope.UnitIds is { } ids) { rows = rows.Where(r => ids.Contains(r.UnitId)); }
        if (scope.FieldId is { } field) { rows = rows.Where(r => r.FieldId == field); }
        if (scope.ProcedureId is { } procedure) { rows = rows.Where(r => r.ProcedureId == procedure); }
        if (f.Channel is { } channel) { rows = rows.Where(r => r.Channel == channel); }
        if (f.RespondentType is { } respondent) { rows = rows.Where(r => r.RespondentType == respondent); }
        return rows;
    }

    private bool _folded;

    private async Task<Scope> ScopeAsync(SatisfactionFilter f, CancellationToken ct)
    {
        if (!_folded)
        {
            // Responses whose monthly and by-day counts the folder has not added yet are added now: every figure is exact.
            await RollupFolder.FoldAsync(db, gate, ct);
            _folded = true;
        }
        UnitRef? unit = null;
        List<int>? ids = null;
        List<int> monthlyIds;
        if (string.IsNullOrWhiteSpace(f.UnitCode))
        {
            // Everything: the tree rows of every root.
            monthlyIds = await db.Units.Where(u => u.ParentId == null).Select(u => u.Id).ToListAsync(ct);
        }
        else
        {
            var code = f.UnitCode;
            unit = await db.Units.AsNoTracking().Where(u => u.Code == code)
                .Select(u => new UnitRef(u.Id, u.Code, u.Name, u.Level, u.Path)).SingleOrDefaultAsync(ct)
                ?? throw new UnknownCodeException("unit", f.UnitCode);
            // The unit, the units merged into it, and (with sub-units) everything under any of them.
            var units = await UnitLinksAsync(ct);
            if (f.Subunits)
            {
                (ids, monthlyIds) = Subtree(unit.Id, units);
            }
            else
            {
                ids = monthlyIds = UnitTree.WithPredecessors(unit.Id, units.SuccessorOf);
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

        return new Scope(unit, ids, monthlyIds, f.Subunits || unit is null, fieldId, procedureId);
    }

    /// <summary>Every question of every published questionnaire version, from the catalogue's cache.</summary>
    private async Task<Dictionary<int, QuestionMeta>> QuestionsAsync(CancellationToken ct)
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
    /// The satisfaction arithmetic (see SatisfactionMath) over counts: questions are followed across questionnaire versions by their
    /// stable code; an element's index is the mean of its questions' rates; the index is the mean of the elements.
    /// </summary>
    private static SatisfactionFigures Compute(Dictionary<int, QuestionMeta> questions, IEnumerable<Count> counts, long responses)
    {
        var known = counts.Where(c => questions.ContainsKey(c.QuestionId) && questions[c.QuestionId].Scale?.Allows(c.Value) == true).ToList();
        QuestionFigure Figure(IGrouping<string, QuestionMeta> byCode)
        {
            var latest = byCode.OrderByDescending(q => q.Version).First();
            var ids = byCode.Select(q => q.Id).ToHashSet();
            var rows = known.Where(c => ids.Contains(c.QuestionId)).ToList();
            var valid = rows.Sum(c => c.N);
            var satisfied = rows.Where(c => questions[c.QuestionId].IsSatisfied(c.Value)).Sum(c => c.N);
            var distribution = latest.Scale!.Values
                .Select(v => new ValueCount(v.Value, v.Label, v.LabelEn, v.Satisfied, rows.Where(c => c.Value == v.Value).Sum(c => c.N))).ToList();
            return new QuestionFigure(latest.Id, latest.Code, latest.Text, latest.TextEn, latest.Element?.Code, SatisfactionMath.RateOf(satisfied, valid), distribution);
        }

        var elementQuestions = questions.Values.Where(q => q.Kind == QuestionKind.Element && q.Element is not null && q.Scale is not null).ToList();
        var elements = elementQuestions
            .GroupBy(q => q.Element!.Code)
            .Select(g =>
            {
                var latest = g.OrderByDescending(q => q.Version).First().Element!;
                var figures = g.GroupBy(q => q.Code).Select(Figure).Where(q => q.Rate.N > 0).ToList();
                return new ElementFigure(latest.Code, latest.Name, latest.NameEn, SatisfactionMath.MeanOf(figures.Select(q => q.Rate), responses), figures);
            })
            .Where(e => e.Questions.Count > 0)
            .OrderBy(e => e.Code, StringComparer.Ordinal)
            .ToList();
        var overall = questions.Values.Where(q => q.Kind == QuestionKind.Overall && q.Scale is not null).GroupBy(q => q.Code).Select(Figure)
            .Where(q => q.Rate.N > 0).OrderByDescending(q => q.Rate.N).FirstOrDefault();
        var versions = known.Where(c => c.N > 0).Select(c => questions[c.QuestionId].Source).Distinct().OrderBy(v => v.PublishedAt).ToList();
        return new SatisfactionFigures(responses, SatisfactionMath.MeanOf(elements.Select(e => e.Index), responses), elements, overall) { Versions = versions };
    }

    /// <summary>Every unit's path and level, and the successor of each unit merged away: the tree and its merges, read once per report.</summary>
    private sealed record UnitLinks(Dictionary<int, string> PathOf, Dictionary<int, UnitLevel> LevelOf, Dictionary<int, int> SuccessorOf);

    private UnitLinks? _units;

    /// <summary>Read once per request (the report is scoped): a dashboard asks for figures, sub-units, months and levels.</summary>
    private async Task<UnitLinks> UnitLinksAsync(CancellationToken ct)
    {
        if (_units is null)
        {
            var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path, u.Level, u.SuccessorId }).ToListAsync(ct);
            _units = new UnitLinks(units.ToDictionary(u => u.Id, u => u.Path), units.ToDictionary(u => u.Id, u => u.Level), units.Where(u => u.SuccessorId != null).ToDictionary(u => u.Id, u => u.SuccessorId!.Value));
        }

        return _units;
    }

    /// <summary>
    /// With sub-units: every unit under the unit or a unit merged into it (for daily rows), and the units whose subtree
    /// rows make up the figure (for monthly rows) — each of those not already inside another one's tree, which counts it.
    /// </summary>
    private static (List<int> Ids, List<int> MonthlyIds) Subtree(int unitId, UnitLinks units)
    {
        var lineage = UnitTree.WithPredecessors(unitId, units.SuccessorOf).Select(id => (Id: id, Path: units.PathOf[id])).ToList();
        var ids = units.PathOf.Where(u => lineage.Any(l => u.Value.StartsWith(l.Path, StringComparison.Ordinal))).Select(u => u.Key).ToList();
        var monthlyIds = lineage.Where(l => !lineage.Any(o => o.Id != l.Id && l.Path.StartsWith(o.Path, StringComparison.Ordinal))).Select(l => l.Id).ToList();
        return (ids, monthlyIds);
    }

    private static string CurrentPath(int unitId, UnitLinks units)
    {
        var seen = new HashSet<int>();
        var id = unitId;
        while (units.SuccessorOf.TryGetValue(id, out var next) && seen.Add(id))
        {
            id = next;
        }

        return units.PathOf[id];
    }
}
