using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// Computes satisfaction figures from the rollup tables only — never by scanning raw responses — for any filter, per
/// sub-unit, per month and per organisational level.
/// </summary>
public sealed class SatisfactionReport(AppDb db, QuestionnaireCatalog catalog, TimeProvider clock)
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
        if (MonthlyServes(filter))
        {
            var monthly = await MonthlyRows(scope, filter)
                .GroupBy(r => new { r.QuestionId, r.Value })
                .Select(g => new Count(g.Key.QuestionId, g.Key.Value, g.Sum(r => r.Count)))
                .ToListAsync(ct);
            return Compute(await QuestionsAsync(ct), monthly.Where(c => c.QuestionId != 0), monthly.Where(c => c.QuestionId == 0).Sum(c => c.N));
        }

        var counts = await AnswerRows(scope, filter)
            .GroupBy(r => new { r.QuestionId, r.Value })
            .Select(g => new Count(g.Key.QuestionId, g.Key.Value, g.Sum(r => r.Count)))
            .ToListAsync(ct);
        var responses = await ResponseRows(scope, filter).SumAsync(r => (long?)r.Count, ct) ?? 0;
        return Compute(await QuestionsAsync(ct), counts, responses);
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
        if (MonthlyServes(filter))
        {
            var result = new List<(UnitRef, SatisfactionFigures)>();
            foreach (var child in children)
            {
                var childScope = await ScopeAsync(filter with { UnitCode = child.Code, Subunits = true }, ct);
                var monthly = await MonthlyRows(childScope, filter)
                    .GroupBy(r => new { r.QuestionId, r.Value })
                    .Select(g => new Count(g.Key.QuestionId, g.Key.Value, g.Sum(r => r.Count)))
                    .ToListAsync(ct);
                result.Add((child, Compute(questions, monthly.Where(c => c.QuestionId != 0), monthly.Where(c => c.QuestionId == 0).Sum(c => c.N))));
            }

            return result;
        }

        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path, u.SuccessorId }).ToDictionaryAsync(u => u.Id, u => (u.Path, u.SuccessorId), ct);
        // Each unit's history is reported under the active unit it now belongs to (itself, or its successor's branch).
        var ownerOf = units.Keys.ToDictionary(id => id, id =>
        {
            var path = CurrentPath(id, units);
            return children.FirstOrDefault(c => path.StartsWith(c.Path, StringComparison.Ordinal))?.Id;
        });

        var counts = await AnswerRows(scope, filter)
            .GroupBy(r => new { r.UnitId, r.QuestionId, r.Value })
            .Select(g => new { g.Key.UnitId, Row = new Count(g.Key.QuestionId, g.Key.Value, g.Sum(r => r.Count)) })
            .ToListAsync(ct);
        var responses = await ResponseRows(scope, filter)
            .GroupBy(r => r.UnitId).Select(g => new { UnitId = g.Key, N = g.Sum(r => r.Count) }).ToListAsync(ct);
        return [.. children.Select(child => (child, Compute(
            questions,
            counts.Where(c => ownerOf.GetValueOrDefault(c.UnitId) == child.Id).Select(c => c.Row),
            responses.Where(r => ownerOf.GetValueOrDefault(r.UnitId) == child.Id).Sum(r => r.N))))];
    }

    /// <summary>The index month by month over the filter's period.</summary>
    public async Task<IReadOnlyList<(DateOnly Month, SatisfactionFigures Figures)>> ByMonthAsync(SatisfactionFilter filter, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(filter, ct);
        if (MonthlyServes(filter))
        {
            var monthly = await MonthlyRows(scope, filter)
                .GroupBy(r => new { r.Month, r.QuestionId, r.Value })
                .Select(g => new { g.Key.Month, Row = new Count(g.Key.QuestionId, g.Key.Value, g.Sum(r => r.Count)) })
                .ToListAsync(ct);
            var meta = await QuestionsAsync(ct);
            return [.. monthly.GroupBy(m => m.Month).OrderBy(g => g.Key).Select(g => (g.Key, Compute(
                meta, g.Where(c => c.Row.QuestionId != 0).Select(c => c.Row), g.Where(c => c.Row.QuestionId == 0).Sum(c => c.Row.N))))];
        }

        var counts = await AnswerRows(scope, filter)
            .GroupBy(r => new { r.Day.Year, r.Day.Month, r.QuestionId, r.Value })
            .Select(g => new { g.Key.Year, g.Key.Month, Row = new Count(g.Key.QuestionId, g.Key.Value, g.Sum(r => r.Count)) })
            .ToListAsync(ct);
        var responses = await ResponseRows(scope, filter)
            .GroupBy(r => new { r.Day.Year, r.Day.Month }).Select(g => new { g.Key.Year, g.Key.Month, N = g.Sum(r => r.Count) }).ToListAsync(ct);
        var questions = await QuestionsAsync(ct);
        return [.. responses.OrderBy(r => r.Year).ThenBy(r => r.Month).Select(m => (new DateOnly(m.Year, m.Month, 1), Compute(
            questions, counts.Where(c => c.Year == m.Year && c.Month == m.Month).Select(c => c.Row), m.N)))];
    }

    /// <summary>As provincial reports present it: per level (province, district, commune), ratings, satisfied and the rate.</summary>
    public async Task<IReadOnlyList<(UnitLevel Level, long Ratings, long Satisfied)>> ByLevelAsync(SatisfactionFilter filter, CancellationToken ct = default)
    {
        var scope = await ScopeAsync(filter, ct);
        var counts = MonthlyServes(filter)
            ? await OwnMonthlyRows(scope, filter)
                .Join(db.Units, r => r.UnitId, u => u.Id, (r, u) => new { u.Level, r.QuestionId, r.Value, r.Count })
                .GroupBy(r => new { r.Level, r.QuestionId, r.Value })
                .Select(g => new { g.Key.Level, g.Key.QuestionId, g.Key.Value, N = g.Sum(r => r.Count) })
                .ToListAsync(ct)
            : await AnswerRows(scope, filter)
                .Join(db.Units, r => r.UnitId, u => u.Id, (r, u) => new { u.Level, r.QuestionId, r.Value, r.Count })
                .GroupBy(r => new { r.Level, r.QuestionId, r.Value })
                .Select(g => new { g.Key.Level, g.Key.QuestionId, g.Key.Value, N = g.Sum(r => r.Count) })
                .ToListAsync(ct);
        var questions = await QuestionsAsync(ct);
        return [.. counts.Where(c => questions.TryGetValue(c.QuestionId, out var q) && q.Kind == QuestionKind.Element && q.Scale!.Allows(c.Value))
            .GroupBy(c => c.Level).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Sum(c => c.N), g.Where(c => questions[c.QuestionId].IsSatisfied(c.Value)).Sum(c => c.N)))];
    }

    public sealed record UnitRef(int Id, string Code, string Name, UnitLevel Level, string Path);

    /// <param name="MonthlyUnitIds">The units whose monthly rows make up the figure: with sub-units, the tree rows of the
    /// unit and of each predecessor not already inside its tree; without, the own rows of the unit and its predecessors.</param>
    private sealed record Scope(UnitRef? Unit, List<int>? UnitIds, List<int> MonthlyUnitIds, bool Subunits, int? FieldId, int? ProcedureId);

    private sealed record QuestionMeta(int Id, string Code, QuestionKind Kind, string Text, string? TextEn, ElementView? Element, ScaleView? Scale, int Version)
    {
        public bool IsSatisfied(int value) => Scale?.Values.Any(v => v.Value == value && v.Satisfied) == true;
    }

    /// <summary>
    /// The monthly rollup answers a filter without procedure, channel or respondent type over whole months (the
    /// current month counts as whole: nothing after today exists yet).
    /// </summary>
    private bool MonthlyServes(SatisfactionFilter f)
    {
        var today = SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        return f.ProcedureCode is null && f.Channel is null && f.RespondentType is null && f.From.Day == 1
            && (f.To.AddDays(1).Day == 1 || f.To >= today);
    }

    private IQueryable<MonthlyRollup> MonthlyRows(Scope scope, SatisfactionFilter f)
    {
        var first = new DateOnly(f.From.Year, f.From.Month, 1);
        var rows = db.MonthlyRollups.AsNoTracking().Where(r => r.Month >= first && r.Month <= f.To);
        var ids = scope.MonthlyUnitIds;
        var unitScope = scope.Subunits ? MonthlyRollup.Tree : MonthlyRollup.Own;
        rows = ids.Count == 1
            ? rows.Where(r => r.Scope == unitScope && r.UnitId == ids[0])
            : rows.Where(r => r.Scope == unitScope && ids.Contains(r.UnitId));
        if (scope.FieldId is { } field) { rows = rows.Where(r => r.FieldId == field); }
        return rows;
    }

    /// <summary>The own (not subtree) monthly rows of every unit in the scope: for figures per level.</summary>
    private IQueryable<MonthlyRollup> OwnMonthlyRows(Scope scope, SatisfactionFilter f)
    {
        var first = new DateOnly(f.From.Year, f.From.Month, 1);
        var rows = db.MonthlyRollups.AsNoTracking().Where(r => r.Scope == MonthlyRollup.Own && r.QuestionId != 0 && r.Month >= first && r.Month <= f.To);
        if (scope.UnitIds is { } ids) { rows = rows.Where(r => ids.Contains(r.UnitId)); }
        if (scope.FieldId is { } field) { rows = rows.Where(r => r.FieldId == field); }
        return rows;
    }

    private IQueryable<SatisfactionRollup> AnswerRows(Scope scope, SatisfactionFilter f)
    {
        var rows = db.SatisfactionRollups.AsNoTracking().Where(r => r.Day >= f.From && r.Day <= f.To);
        if (scope.UnitIds is { } ids) { rows = ids.Count == 1 ? rows.Where(r => r.UnitId == ids[0]) : rows.Where(r => ids.Contains(r.UnitId)); }
        if (scope.FieldId is { } field) { rows = rows.Where(r => r.FieldId == field); }
        if (scope.ProcedureId is { } procedure) { rows = rows.Where(r => r.ProcedureId == procedure); }
        if (f.Channel is { } channel) { rows = rows.Where(r => r.Channel == channel); }
        if (f.RespondentType is { } respondent) { rows = rows.Where(r => r.RespondentType == respondent); }
        return rows;
    }

    private IQueryable<ResponseRollup> ResponseRows(Scope scope, SatisfactionFilter f)
    {
        var rows = db.ResponseRollups.AsNoTracking().Where(r => r.Day >= f.From && r.Day <= f.To);
        if (scope.UnitIds is { } ids) { rows = ids.Count == 1 ? rows.Where(r => r.UnitId == ids[0]) : rows.Where(r => ids.Contains(r.UnitId)); }
        if (scope.FieldId is { } field) { rows = rows.Where(r => r.FieldId == field); }
        if (scope.ProcedureId is { } procedure) { rows = rows.Where(r => r.ProcedureId == procedure); }
        if (f.Channel is { } channel) { rows = rows.Where(r => r.Channel == channel); }
        if (f.RespondentType is { } respondent) { rows = rows.Where(r => r.RespondentType == respondent); }
        return rows;
    }

    private async Task<Scope> ScopeAsync(SatisfactionFilter f, CancellationToken ct)
    {
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
            unit = await db.Units.AsNoTracking().Where(u => u.Code == f.UnitCode)
                .Select(u => new UnitRef(u.Id, u.Code, u.Name, u.Level, u.Path)).SingleOrDefaultAsync(ct)
                ?? throw new UnknownCodeException("unit", f.UnitCode);
            // The unit, the units merged into it, and (with sub-units) everything under any of them.
            var lineage = await UnitTree.WithPredecessorsAsync(db, unit.Id, ct);
            if (f.Subunits)
            {
                var lineagePaths = await db.Units.Where(u => lineage.Contains(u.Id)).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
                var all = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Path }).ToListAsync(ct);
                ids = [.. all.Where(u => lineagePaths.Any(p => u.Path.StartsWith(p.Path, StringComparison.Ordinal))).Select(u => u.Id)];
                // A predecessor already inside another lineage member's tree is counted by that tree's rows.
                monthlyIds = [.. lineagePaths.Where(p => !lineagePaths.Any(o => o.Id != p.Id && p.Path.StartsWith(o.Path, StringComparison.Ordinal))).Select(p => p.Id)];
            }
            else
            {
                ids = lineage;
                monthlyIds = lineage;
            }
        }

        int? fieldId = null;
        if (!string.IsNullOrWhiteSpace(f.FieldCode))
        {
            fieldId = await db.Fields.Where(x => x.Code == f.FieldCode).Select(x => (int?)x.Id).SingleOrDefaultAsync(ct)
                ?? throw new UnknownCodeException("field", f.FieldCode);
        }

        int? procedureId = null;
        if (!string.IsNullOrWhiteSpace(f.ProcedureCode))
        {
            procedureId = await db.Procedures.Where(x => x.Code == f.ProcedureCode).Select(x => (int?)x.Id).SingleOrDefaultAsync(ct)
                ?? throw new UnknownCodeException("procedure", f.ProcedureCode);
        }

        return new Scope(unit, ids, monthlyIds, f.Subunits || unit is null, fieldId, procedureId);
    }

    /// <summary>Every question of every published questionnaire version, from the catalogue's cache.</summary>
    private async Task<Dictionary<int, QuestionMeta>> QuestionsAsync(CancellationToken ct)
    {
        var ids = await db.Questionnaires.AsNoTracking().Where(q => q.Status == QuestionnaireStatus.Published).Select(q => q.Id).ToListAsync(ct);
        var result = new Dictionary<int, QuestionMeta>();
        foreach (var id in ids)
        {
            var view = (await catalog.LoadAsync(id, ct))!;
            foreach (var element in view.Elements)
            {
                foreach (var q in element.Questions)
                {
                    result[q.Id] = new QuestionMeta(q.Id, q.Code, q.Kind, q.Text, q.TextEn, element, q.Scale, view.Version);
                }
            }

            if (view.Overall is { } overall)
            {
                result[overall.Id] = new QuestionMeta(overall.Id, overall.Code, overall.Kind, overall.Text, overall.TextEn, null, overall.Scale, view.Version);
            }
        }

        return result;
    }

    /// <summary>
    /// The arithmetic of DESIGN.md §3 over counts: questions are followed across questionnaire versions by their
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
        return new SatisfactionFigures(responses, SatisfactionMath.MeanOf(elements.Select(e => e.Index), responses), elements, overall);
    }

    private static string CurrentPath(int unitId, Dictionary<int, (string Path, int? SuccessorId)> units)
    {
        var seen = new HashSet<int>();
        var id = unitId;
        while (units[id].SuccessorId is { } next && seen.Add(id))
        {
            id = next;
        }

        return units[id].Path;
    }
}
