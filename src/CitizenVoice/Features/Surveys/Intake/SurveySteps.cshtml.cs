using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>
/// The online survey one element per screen, for phones: a progress line ("Bước 2/6"), the element's questions, and
/// the overall, profile and free questions with the comment and contact on the last step. The answers of earlier
/// steps wait on the server in a <see cref="SurveyDraft"/> named by a random token in a hidden field, so every step is
/// an ordinary form post and no JavaScript is needed. The last step records through the same path as the one-page form.
/// </summary>
[EnableRateLimiting(RateLimits.PublicWrite)]
public sealed class SurveyStepsModel(AppDb db, QuestionnaireCatalog catalog, SurveyRecorder recorder, TimeProvider clock, IStringLocalizer<SharedResource> l) : CitizenSurveyPage
{
    private const int MaxToken = 64;

    [FromRoute]
    public string UnitCode { get; set; } = "";

    [FromRoute]
    public string FieldCode { get; set; } = "";

    [BindProperty]
    public string? Token { get; set; }

    /// <summary>The step the posted answers belong to.</summary>
    [BindProperty]
    public int Step { get; set; } = 1;

    /// <summary>The answers chosen so far (earlier steps and this one), to show them checked when a step is revisited.</summary>
    public Dictionary<int, int> Chosen { get; private set; } = [];
    public bool Expired { get; private set; }

    /// <summary>One step per element, then the last step with everything else.</summary>
    public int Steps => Questionnaire.Elements.Count + 1;
    public bool IsLast => Step == Steps;
    public ElementView? Element => IsLast ? null : Questionnaire.Elements[Step - 1];

    private int _unitId;
    private int _fieldId;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return await Organisation.UnitTree.SuccessorCodeAsync(db, UnitCode, HttpContext.RequestAborted) is { } successor
                ? Redirect($"/khao-sat/{Uri.EscapeDataString(successor)}/{Uri.EscapeDataString(FieldCode)}/tung-buoc")
                : NotFound();
        }

        Step = 1;
        SignedInStaff = await recorder.IsOwnUnitAsync(User, UnitCode, HttpContext.RequestAborted);
        return Page();
    }

    /// <param name="command">"tiep" (next), "quay-lai" (back) or "gui" (send, on the last step).</param>
    public async Task<IActionResult> OnPostAsync(string? command)
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(Website))
        {
            // Told nothing: a robot that learns it was caught only tries harder.
            return Redirect("/khao-sat/cam-on");
        }

        Step = Math.Clamp(Step, 1, Steps);
        var draft = await DraftAsync(ct);
        Chosen = SurveyDraft.Unpack(draft.Answers);
        var stepQuestions = (Element?.Questions ?? (IEnumerable<QuestionView>)[.. Questionnaire.AllQuestions.Where(q => q.Kind != QuestionKind.Element)])
            .ToDictionary(q => q.Id);
        foreach (var (id, value) in Answers ?? [])
        {
            if (!stepQuestions.TryGetValue(id, out var question) || question.Scale?.Allows(value) != true)
            {
                ModelState.AddModelError("", l["Câu trả lời không hợp lệ. Vui lòng chọn lại."]);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            Chosen[id] = value;
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (command != "gui" || !IsLast)
        {
            // Only the questionnaire's ratings are kept between steps; the last step's free texts, comment and contact never are.
            draft.Answers = SurveyDraft.Pack(Chosen.Where(a => Questionnaire.Find(a.Key)?.Kind == QuestionKind.Element).ToDictionary());
            draft.ExpiresAt = now + SurveyDraft.Lifetime;
            await db.SaveChangesAsync(ct);
            Step = Math.Clamp(command == "quay-lai" ? Step - 1 : Step + 1, 1, Steps);
            ModelState.Clear();
            return Page();
        }

        var outcome = await recorder.RecordFromCitizenChannelAsync(new SurveySubmission(
            UnitCode, FieldCode, SurveyChannel.Online, PostedAnswers.From(Chosen, Texts), ReceiptCode, Comment,
            QuestionnaireId: Questionnaire.Id, Contact: Contact, ContactConsent: ContactConsent), User, ct);
        switch (outcome.Status)
        {
            case RecordStatus.Created:
                if (db.Entry(draft).State != EntityState.Added)
                {
                    await db.SurveyDrafts.Where(d => d.Id == draft.Id).ExecuteDeleteAsync(ct);
                }

                return Redirect("/khao-sat/cam-on");
            case RecordStatus.OwnUnit:
                SignedInStaff = true;
                Response.StatusCode = StatusCodes.Status403Forbidden;
                ModelState.AddModelError("", l["Cán bộ đang đăng nhập không được đánh giá đơn vị mình hoặc đơn vị trực thuộc qua kênh dành cho người dân. Phiếu không được ghi nhận; lần gửi này đã được ghi vào nhật ký."]);
                break;
            case RecordStatus.DuplicateReceipt:
                ModelState.AddModelError(nameof(ReceiptCode), l["Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần."]);
                break;
            default:
                foreach (var message in outcome.Errors?.Values.SelectMany(m => m) ?? [])
                {
                    ModelState.AddModelError("", message);
                }

                break;
        }

        // Not sent: keep what was chosen so the citizen only corrects what the message names.
        draft.Answers = SurveyDraft.Pack(Chosen.Where(a => Questionnaire.Find(a.Key)?.Kind == QuestionKind.Element).ToDictionary());
        draft.ExpiresAt = now + SurveyDraft.Lifetime;
        await db.SaveChangesAsync(ct);
        return Page();
    }

    /// <summary>The draft this browser carries, or a new one (first step, or the old one expired or belongs to another form).</summary>
    private async Task<SurveyDraft> DraftAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!string.IsNullOrEmpty(Token) && Token.Length <= MaxToken)
        {
            var hash = SurveyDraft.HashOf(Token);
            var found = await db.SurveyDrafts.SingleOrDefaultAsync(d => d.Id == hash, ct);
            if (found is not null && found.ExpiresAt > now && found.UnitId == _unitId && found.FieldId == _fieldId && found.QuestionnaireId == Questionnaire.Id)
            {
                return found;
            }

            Expired = Step > 1;
        }

        Token = SurveyDraft.NewToken();
        var draft = new SurveyDraft
        {
            Id = SurveyDraft.HashOf(Token), UnitId = _unitId, FieldId = _fieldId, QuestionnaireId = Questionnaire.Id, ExpiresAt = now + SurveyDraft.Lifetime,
        };
        db.SurveyDrafts.Add(draft);
        return draft;
    }

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == UnitCode && u.ValidTo == null && u.SuccessorId == null)
            .Select(u => new { u.Id, u.Name, u.NameEn }).SingleOrDefaultAsync(ct);
        var field = await db.Fields.AsNoTracking().Where(f => f.Code == FieldCode && f.IsActive).Select(f => new { f.Id, f.Name, f.NameEn }).SingleOrDefaultAsync(ct);
        if (unit is null || field is null || await catalog.ServedAsync(field.Id, SurveyChannel.Online, ct) is not { } questionnaire)
        {
            return false;
        }

        (_unitId, _fieldId) = (unit.Id, field.Id);
        (UnitName, FieldName, Questionnaire) = (LocalName.Of(unit.Name, unit.NameEn), LocalName.Of(field.Name, field.NameEn), questionnaire);
        return true;
    }
}
