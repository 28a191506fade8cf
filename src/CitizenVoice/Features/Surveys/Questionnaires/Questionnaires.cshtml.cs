using System.Text.RegularExpressions;
using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Every questionnaire version (drafts and published), the default one citizens answer, and which version serves a
/// field or a channel instead. New versions are drafted from a published one, or a new questionnaire from an empty form;
/// published versions never change. The survey team also adds answer scales here (a name, the ordered points, which
/// points count as satisfied), which the editor then offers for any question. Plain forms: no JavaScript needed.
/// </summary>
[Authorize(Policy = SurveyPolicies.Questionnaires)]
public sealed partial class QuestionnairesModel(AppDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(int Id, string Code, int Version, string Title, bool Published, DateTime? PublishedAt, bool IsCurrent, int Questions);
    public sealed record UseRow(int Id, string? Field, SurveyChannel? Channel, string Questionnaire);

    public static readonly (SurveyChannel Channel, string Name)[] Channels =
    [
        (SurveyChannel.Online, "Trực tuyến"), (SurveyChannel.Kiosk, "Máy đánh giá tại quầy"), (SurveyChannel.Paper, "Phiếu giấy"),
        (SurveyChannel.Phone, "Điện thoại"), (SurveyChannel.Email, "Thư điện tử"), (SurveyChannel.Import, "Nhập từ tệp"),
    ];

    /// <summary>How many point rows the new-scale form offers; blank rows are ignored.</summary>
    public const int ScalePointRows = 7;

    public sealed record ScaleRow(string Code, string Name, IReadOnlyList<(string Label, bool Satisfied)> Points);

    public sealed class PointInput
    {
        public string? Label { get; set; }
        public string? LabelEn { get; set; }
        public bool Satisfied { get; set; }
    }

    public sealed class ScaleInput
    {
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public List<PointInput> Points { get; set; } = [];
    }

    /// <summary>What the new-scale form shows: the rows sent back after an error, padded to <see cref="ScalePointRows"/>.</summary>
    public ScaleInput Scale { get; private set; } = new();

    public (string? Code, string? Title) Empty { get; private set; }

    public IReadOnlyList<ScaleRow> ScaleRows { get; private set; } = [];

    public IReadOnlyList<Row> Versions { get; private set; } = [];
    public IReadOnlyList<UseRow> Uses { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Fields { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync(int? published)
    {
        if (published is not null)
        {
            Message = l["Đã phát hành phiên bản mới. Chọn bên dưới nếu muốn dùng phiên bản này cho người dân."];
        }
        else if (TempData["Message"] is string message)
        {
            Message = message;
        }

        await LoadAsync();
    }

    /// <summary>Drafts the next version from <paramref name="id"/>; one draft per questionnaire at a time, so two people do not fork it.</summary>
    public async Task<IActionResult> OnPostNewDraftAsync(int id)
    {
        var source = await db.Questionnaires.AsNoTracking().AsSplitQuery().Include(q => q.Elements).Include(q => q.Questions)
            .SingleOrDefaultAsync(q => q.Id == id, HttpContext.RequestAborted);
        if (source is null)
        {
            return NotFound();
        }

        var existing = await db.Questionnaires.Where(q => q.Code == source.Code && q.Status == QuestionnaireStatus.Draft)
            .Select(q => (int?)q.Id).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (existing is { } draftId)
        {
            return Redirect($"/quan-tri/khao-sat/bang-hoi/{draftId}");
        }

        var next = await db.Questionnaires.Where(q => q.Code == source.Code).MaxAsync(q => q.Version, HttpContext.RequestAborted) + 1;
        var draft = source.NewVersion(next);
        db.Questionnaires.Add(draft);
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // Someone drafted the same version a moment ago (unique code and version): open theirs.
            db.ChangeTracker.Clear();
            draft = await db.Questionnaires.AsNoTracking().SingleAsync(q => q.Code == source.Code && q.Version == next, HttpContext.RequestAborted);
        }

        return Redirect($"/quan-tri/khao-sat/bang-hoi/{draft.Id}");
    }

    /// <summary>
    /// Starts a new questionnaire from an empty form: version 1 of a new code, as a draft the editor fills in. It cannot
    /// be published until it has an element and the overall question (the editor's rules say so in Vietnamese).
    /// </summary>
    public async Task<IActionResult> OnPostNewEmptyAsync(string? code, string? title)
    {
        code = (code ?? "").Trim().ToLowerInvariant();
        title = (title ?? "").Trim();
        Empty = (code, title);
        if (!QuestionnaireCode().IsMatch(code))
        {
            return await RefuseAsync(l["Mã bảng hỏi gồm 2 đến 40 chữ cái không dấu, chữ số và dấu gạch ngang."]);
        }

        if (title.Length is 0 or > 300)
        {
            return await RefuseAsync(l["Vui lòng nhập tên bảng hỏi (tối đa 300 ký tự)."]);
        }

        if (await db.Questionnaires.AnyAsync(q => q.Code == code, HttpContext.RequestAborted))
        {
            return await RefuseAsync(l["Mã bảng hỏi “{0}” đã có; để sửa bảng hỏi đó, hãy tạo bản nháp mới từ phiên bản đã phát hành của nó.", code]);
        }

        var draft = new Questionnaire { Code = code, Version = 1, Title = title };
        db.Questionnaires.Add(draft);
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // Someone started the same code a moment ago (unique code and version).
            db.ChangeTracker.Clear();
            return await RefuseAsync(l["Mã bảng hỏi “{0}” đã có; để sửa bảng hỏi đó, hãy tạo bản nháp mới từ phiên bản đã phát hành của nó.", code]);
        }

        return Redirect($"/quan-tri/khao-sat/bang-hoi/{draft.Id}");
    }

    /// <summary>
    /// Adds an answer scale: its points are valued 1, 2, 3… in the order written (blank rows skipped), and those ticked
    /// count as satisfied in the figures. A scale is never changed afterwards, since answers store the point's value.
    /// </summary>
    public async Task<IActionResult> OnPostScaleAsync(ScaleInput scale)
    {
        Scale = scale;
        var name = (scale.Name ?? "").Trim();
        var points = scale.Points.Take(ScalePointRows).Where(p => !string.IsNullOrWhiteSpace(p.Label))
            .Select(p => (Label: p.Label!.Trim(), LabelEn: string.IsNullOrWhiteSpace(p.LabelEn) ? null : p.LabelEn.Trim(), p.Satisfied)).ToList();
        var errors = new List<string>();
        if (name.Length is 0 or > 200 || scale.NameEn?.Trim().Length > 200)
        {
            errors.Add(l["Vui lòng nhập tên thang đo (tối đa 200 ký tự)."]);
        }
        else if (await db.Scales.AnyAsync(s => s.Name == name, HttpContext.RequestAborted))
        {
            errors.Add(l["Đã có thang đo tên “{0}”.", name]);
        }

        if (points.Count < 2)
        {
            errors.Add(l["Thang đo cần ít nhất hai mức trả lời, theo thứ tự từ thấp đến cao."]);
        }

        if (points.Any(p => p.Label.Length > 100 || p.LabelEn?.Length > 100))
        {
            errors.Add(l["Tên mỗi mức trả lời tối đa 100 ký tự."]);
        }

        foreach (var label in points.GroupBy(p => p.Label, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add(l["Mức “{0}” bị trùng.", label]);
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors.SkipLast(1))
            {
                ModelState.AddModelError("", error);
            }

            return await RefuseAsync(errors[^1]);
        }

        db.Scales.Add(new Scale
        {
            Code = await ScaleCodeAsync(name), Name = name, NameEn = string.IsNullOrWhiteSpace(scale.NameEn) ? null : scale.NameEn.Trim(),
            Options = [.. points.Select((p, i) => new ScaleOption { Value = i + 1, Label = p.Label, LabelEn = p.LabelEn, Satisfied = p.Satisfied })],
        });
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = l["Đã tạo thang đo “{0}”; có thể chọn thang đo này cho câu hỏi trong bản nháp.", name].Value;
        return Redirect("/quan-tri/khao-sat/bang-hoi#thang-do");
    }

    /// <summary>A short code from the name, unique among scales ("Mức độ thuận tiện" → "muc-do-thuan-tien").</summary>
    private async Task<string> ScaleCodeAsync(string name)
    {
        var slug = NotCode().Replace(TextFolding.Fold(name).ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length == 0 ? "thang-do" : slug[..Math.Min(slug.Length, 16)].TrimEnd('-');
        var taken = (await db.Scales.Where(s => s.Code.StartsWith(slug)).Select(s => s.Code).ToListAsync(HttpContext.RequestAborted)).ToHashSet();
        var code = slug;
        for (var n = 2; taken.Contains(code); n++)
        {
            code = $"{slug}-{n}";
        }

        return code;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,39}$")]
    private static partial Regex QuestionnaireCode();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotCode();

    /// <summary>Makes a published version the one every field and channel without a rule of its own answers.</summary>
    public async Task<IActionResult> OnPostDefaultAsync(int id)
    {
        if (!await db.Questionnaires.AnyAsync(q => q.Id == id && q.Status == QuestionnaireStatus.Published, HttpContext.RequestAborted))
        {
            return await RefuseAsync(l["Chỉ phiên bản đã phát hành mới được dùng cho người dân."]);
        }

        foreach (var q in await db.Questionnaires.Where(q => q.IsCurrent || q.Id == id).ToListAsync(HttpContext.RequestAborted))
        {
            q.IsCurrent = q.Id == id;
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect("/quan-tri/khao-sat/bang-hoi");
    }

    /// <summary>Sets (or, with no questionnaire, removes) the rule for a field and/or channel.</summary>
    public async Task<IActionResult> OnPostUseAsync(int? fieldId, SurveyChannel? channel, int? questionnaireId)
    {
        if (fieldId is null && channel is null)
        {
            return await RefuseAsync(l["Vui lòng chọn lĩnh vực hoặc kênh (bảng hỏi mặc định chọn ở danh sách phiên bản)."]);
        }

        if (fieldId is not null && !await db.Fields.AnyAsync(f => f.Id == fieldId, HttpContext.RequestAborted))
        {
            return await RefuseAsync(l["Lĩnh vực không tồn tại."]);
        }

        if (questionnaireId is not null && !await db.Questionnaires.AnyAsync(q => q.Id == questionnaireId && q.Status == QuestionnaireStatus.Published, HttpContext.RequestAborted))
        {
            return await RefuseAsync(l["Chỉ phiên bản đã phát hành mới được dùng cho người dân."]);
        }

        var rules = await db.QuestionnaireUses.Where(u => u.FieldId == fieldId && u.Channel == channel).ToListAsync(HttpContext.RequestAborted);
        db.QuestionnaireUses.RemoveRange(rules);
        if (questionnaireId is { } qid)
        {
            db.QuestionnaireUses.Add(new QuestionnaireUse { FieldId = fieldId, Channel = channel, QuestionnaireId = qid });
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect("/quan-tri/khao-sat/bang-hoi#su-dung");
    }

    public async Task<IActionResult> OnPostRemoveUseAsync(int useId)
    {
        await db.QuestionnaireUses.Where(u => u.Id == useId).ExecuteDeleteAsync(HttpContext.RequestAborted);
        return Redirect("/quan-tri/khao-sat/bang-hoi#su-dung");
    }

    private async Task<IActionResult> RefuseAsync(string message)
    {
        ModelState.AddModelError("", message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Versions = await db.Questionnaires.AsNoTracking().OrderBy(q => q.Code).ThenByDescending(q => q.Version)
            .Select(q => new Row(q.Id, q.Code, q.Version, q.Title, q.Status == QuestionnaireStatus.Published, q.PublishedAt, q.IsCurrent, q.Questions.Count))
            .ToListAsync(ct);
        var fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).Select(f => new { f.Id, Name = LocalName.Of(f.Name, f.NameEn) }).ToListAsync(ct);
        Fields = [.. fields.Select(f => (f.Id, f.Name))];
        var names = await db.Fields.AsNoTracking().ToDictionaryAsync(f => f.Id, f => LocalName.Of(f.Name, f.NameEn), ct);
        ScaleRows = [.. (await db.Scales.AsNoTracking().Include(s => s.Options).OrderBy(s => s.Id).ToListAsync(ct))
            .Select(s => new ScaleRow(s.Code, LocalName.Of(s.Name, s.NameEn),
                [.. s.Options.OrderBy(o => o.Value).Select(o => (LocalName.Of(o.Label, o.LabelEn), o.Satisfied))]))];
        while (Scale.Points.Count < ScalePointRows)
        {
            Scale.Points.Add(new PointInput());
        }
        var titles = Versions.ToDictionary(v => v.Id, v => $"{v.Code} v{v.Version}");
        Uses = [.. (await db.QuestionnaireUses.AsNoTracking().ToListAsync(ct))
            .Select(u => new UseRow(u.Id, u.FieldId is { } f ? names.GetValueOrDefault(f) : null, u.Channel, titles.GetValueOrDefault(u.QuestionnaireId) ?? ""))
            .OrderBy(u => u.Field).ThenBy(u => u.Channel)];
    }
}
