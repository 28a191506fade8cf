using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Organisation;

/// <summary>
/// What a checked file will do, change by change, with how many records and staff accounts each touches; and the
/// button that applies it. The file is read and checked again on every view and at apply, against the tree as it is then.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class ReorganisationPreviewModel(
    AppDb db, IEnumerable<IUnitRecords> records, IStaffAccounts staffAccounts, ReorganisationApply apply,
    IStringLocalizer<SharedResource> l, TimeProvider clock, ILogger<ReorganisationPreviewModel> log) : PageModel
{
    /// <summary>One change as the preview lists it: its line, what it does, the counts it touches, what befalls the staff.</summary>
    public sealed record Line(int FileLine, ReorganisationAction Action, string Text, IReadOnlyList<int> Counts, int Staff, string StaffFate);

    [FromRoute]
    public int Id { get; set; }

    public Reorganisation Reorganisation { get; private set; } = null!;
    public IReadOnlyList<string> Columns { get; private set; } = [];
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public IReadOnlyList<RowError> RowErrors { get; private set; } = [];
    public string? Error { get; private set; }

    public int Count(ReorganisationAction action) => Lines.Count(x => x.Action == action);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is not { } plan)
        {
            return NotFound();
        }

        if (Reorganisation.AppliedAt is null)
        {
            await DescribeAsync(plan);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is not { } plan)
        {
            return NotFound();
        }

        if (Reorganisation.AppliedAt is not null)
        {
            Error = l["Tệp này đã được áp dụng."];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        if (!plan.CanApply)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        // Not cancelled when the browser or the proxy stops waiting: a national file of thousands of merges takes minutes,
        // and once begun it completes (or rolls back on a failure) and shows on the history page.
        var ct = CancellationToken.None;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Claimed first, so two administrators pressing the button at once apply the file once: the second waits on the
            // row and then finds it applied.
            var now = clock.GetUtcNow().UtcDateTime;
            if (await db.Reorganisations.Where(r => r.Id == Id && r.AppliedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.AppliedAt, now), ct) == 0)
            {
                Error = l["Tệp này đã được áp dụng."];
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }

            var outcome = await apply.RunAsync(plan, ct);
            var reorganisation = await db.Reorganisations.SingleAsync(r => r.Id == Id, ct);
            reorganisation.AppliedAt = now;
            reorganisation.AppliedBy = User.Identity!.Name;
            reorganisation.Summary = outcome.Summary((text, args) => l[text, args].Value);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The transaction is rolled back as it is disposed: nothing of the file is kept, and it can be applied again.
            log.LogError(e, "Reorganisation {Id} could not be applied; nothing was changed.", Id);
            db.ChangeTracker.Clear();
            await LoadAsync();
            await DescribeAsync(plan);
            Error = l["Không áp dụng được tệp; không có thay đổi nào được lưu. Vui lòng thử lại hoặc báo cho bộ phận kỹ thuật."];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        TempData["Message"] = l["Đã áp dụng tệp tổ chức lại {0}.", Reorganisation.FileName].Value;
        return Redirect($"/quan-tri/to-chuc-lai/{Id}");
    }

    /// <summary>The reorganisation and its plan (checked now), or null when there is none with the id.</summary>
    private async Task<ReorganisationPlan?> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var reorganisation = await db.Reorganisations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, ct);
        var content = await db.ReorganisationUploads.Where(f => f.ReorganisationId == Id).Select(f => f.Content).SingleOrDefaultAsync(ct);
        if (reorganisation is null || content is null)
        {
            return null;
        }

        Reorganisation = reorganisation;
        if (reorganisation.AppliedAt is not null)
        {
            return new ReorganisationPlan(reorganisation.EffectiveDate, [], []);
        }

        var parsed = ReorganisationFile.Read(reorganisation.FileName, content, Localise);
        var plan = await ReorganisationPlanner.PlanAsync(db, parsed, reorganisation.DefaultStaff, UnitScope.UnitIdOf(User) ?? 0, Localise, ct);
        if (!plan.CanApply)
        {
            // The tree changed since the upload (another file, a merge by hand): the rows are judged again.
            RowErrors = plan.Errors;
            Error = l["Cây đơn vị đã thay đổi từ khi tải tệp lên; các dòng dưới đây không còn hợp lệ. Chưa áp dụng thay đổi nào."];
        }

        return plan;
    }

    private string Localise(string text, object[] args) => l[text, args].Value;

    private async Task DescribeAsync(ReorganisationPlan plan)
    {
        var ct = HttpContext.RequestAborted;
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Code, u.Name, u.Path }).ToListAsync(ct);
        var byCode = units.ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
        var created = plan.Changes.Where(c => c.Action == ReorganisationAction.Create).ToDictionary(c => c.Code, c => c.Name!, StringComparer.OrdinalIgnoreCase);
        string Named(string code) => byCode.TryGetValue(code, out var u) ? $"{u.Name} ({u.Code})" : $"{created.GetValueOrDefault(code, code)} ({code})";

        // The units whose own records each change touches: a moved unit's whole subtree, otherwise the unit itself.
        var touched = plan.Changes.Select(c =>
            !byCode.TryGetValue(c.Code, out var unit) ? []
            : c.Action == ReorganisationAction.Move ? units.Where(u => u.Path.StartsWith(unit.Path, StringComparison.Ordinal)).Select(u => u.Id).ToList()
            : new List<int> { unit.Id }).ToList();
        var ids = touched.SelectMany(x => x).Distinct().ToList();
        var counters = records.OrderBy(r => r.Order).ToList();
        Columns = [.. counters.Select(c => l[c.Name].Value)];
        var counts = new List<IReadOnlyDictionary<int, int>>();
        foreach (var counter in counters)
        {
            counts.Add(await counter.CountByUnitAsync(ids, ct));
        }

        var staff = await staffAccounts.CountByUnitAsync(ids, ct);
        var lines = new List<Line>();
        foreach (var (change, index) in plan.Changes.Select((c, i) => (c, i)))
        {
            var unitIds = touched[index];
            var text = change.Action switch
            {
                ReorganisationAction.Create => change.Target is null
                    ? l["Tạo {0} – {1}", Named(change.Code), l[UnitsModel.LevelName(change.Level!.Value)]].Value
                    : l["Tạo {0} – {1}, trực thuộc {2}", Named(change.Code), l[UnitsModel.LevelName(change.Level!.Value)], Named(change.Target)].Value,
                ReorganisationAction.Rename => l["Đổi tên {0} thành “{1}”", Named(change.Code), change.Name!].Value,
                ReorganisationAction.Move => l["Chuyển {0} về trực thuộc {1}", Named(change.Code), Named(change.Target!)].Value,
                ReorganisationAction.Merge => l["Sáp nhập {0} vào {1}; {2} đơn vị trực thuộc chuyển theo", Named(change.Code), Named(change.Target!), change.Children.Count].Value,
                _ => l["Bãi bỏ {0}; {1} đơn vị trực thuộc chuyển về {2}", Named(change.Code), change.Children.Count, Named(change.Target!)].Value,
            };
            var closes = change.Action is ReorganisationAction.Merge or ReorganisationAction.AbolishLevel;
            var fate = !closes ? l["giữ nguyên"].Value
                : change.Staff == StaffOnClose.Move ? l["chuyển sang {0}", Named(change.Target!)].Value
                : l["khoá"].Value;
            lines.Add(new Line(change.Line, change.Action, text, [.. counts.Select(c => unitIds.Sum(id => c.GetValueOrDefault(id)))],
                unitIds.Sum(id => staff.GetValueOrDefault(id)), fate));
        }

        Lines = lines;
    }
}
