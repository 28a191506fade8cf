using CitizenVoice.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// Every questionnaire version (drafts and published), the default one citizens answer, and which version serves a
/// field or a channel instead. New versions are drafted from a published one; published versions never change.
/// </summary>
[Authorize(Policy = SurveyPolicies.Questionnaires)]
public sealed class QuestionnairesModel(AppDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(int Id, string Code, int Version, string Title, bool Published, DateTime? PublishedAt, bool IsCurrent, int Questions);
    public sealed record UseRow(int Id, string? Field, SurveyChannel? Channel, string Questionnaire);

    public static readonly (SurveyChannel Channel, string Name)[] Channels =
    [
        (SurveyChannel.Online, "Trực tuyến"), (SurveyChannel.Kiosk, "Máy đánh giá tại quầy"), (SurveyChannel.Paper, "Phiếu giấy"),
        (SurveyChannel.Phone, "Điện thoại"), (SurveyChannel.Email, "Thư điện tử"), (SurveyChannel.Import, "Nhập từ tệp"),
    ];

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
        var fields = await db.Fields.AsNoTracking().Where(f => f.IsActive).OrderBy(f => f.SortOrder).Select(f => new { f.Id, f.Name }).ToListAsync(ct);
        Fields = [.. fields.Select(f => (f.Id, f.Name))];
        var names = await db.Fields.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var titles = Versions.ToDictionary(v => v.Id, v => $"{v.Code} v{v.Version}");
        Uses = [.. (await db.QuestionnaireUses.AsNoTracking().ToListAsync(ct))
            .Select(u => new UseRow(u.Id, u.FieldId is { } f ? names.GetValueOrDefault(f) : null, u.Channel, titles.GetValueOrDefault(u.QuestionnaireId) ?? ""))
            .OrderBy(u => u.Field).ThenBy(u => u.Channel)];
    }
}
