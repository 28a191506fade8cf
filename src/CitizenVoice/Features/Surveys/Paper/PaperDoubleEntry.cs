using System.Security.Claims;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>A paper form as typed: which form (unit, field, serial), on which questionnaire, and its content.</summary>
public sealed record PaperForm(string? UnitCode, string? FieldCode, string? Serial, int QuestionnaireId, PaperContent Content);

public enum PaperEntryResult
{
    FirstStored,
    Matched,
    Mismatched,
    SameTypist,
    AlreadyRecorded,
    AwaitingReconciliation,
    NotIndependent,
    Invalid,
    ThirdPersonRequired,
    NotFound,
}

public sealed record PaperEntryOutcome(PaperEntryResult Result, IDictionary<string, string[]>? Errors = null, Guid? ResponseId = null);

/// <summary>
/// Double entry of paper forms: the first typing waits; a second by someone else either matches (the response is
/// recorded through <see cref="SurveyRecorder.RecordAsync"/>) or goes to reconciliation, where a third team member
/// decides each difference. A typist never reconciles their own typing: the point of double entry is that no one
/// person's reading of a form decides what it says.
/// </summary>
public sealed class PaperDoubleEntry(AppDb db, SurveyRules rules, SurveyRecorder recorder, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public const int MaxSerial = 30;

    public async Task<PaperEntryOutcome> EnterAsync(PaperForm form, ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        await EnterAsync(form, user, retried: false, cancellationToken);

    private async Task<PaperEntryOutcome> EnterAsync(PaperForm form, ClaimsPrincipal user, bool retried, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A typist is signed in.");
        var submission = Submission(form.UnitCode, form.FieldCode, form.QuestionnaireId, form.Content);
        var check = await rules.CheckAsync(submission, user, cancellationToken);
        if (check.NotIndependent)
        {
            return new PaperEntryOutcome(PaperEntryResult.NotIndependent);
        }

        if (!check.IsValid)
        {
            return new PaperEntryOutcome(PaperEntryResult.Invalid, check.Errors);
        }

        var serial = PaperEntry.NormaliseSerial(form.Serial ?? "");
        var (unitId, fieldId) = (check.Unit!.Id, check.FieldId!.Value);
        var existing = await db.PaperEntries.AsNoTracking()
            .Where(e => e.UnitId == unitId && e.FieldId == fieldId && e.Serial == serial).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        if (existing.Exists(e => e.Status == PaperEntryStatus.Recorded))
        {
            return new PaperEntryOutcome(PaperEntryResult.AlreadyRecorded);
        }

        if (existing.Count >= 2)
        {
            return new PaperEntryOutcome(PaperEntryResult.AwaitingReconciliation);
        }

        if (existing.Exists(e => e.EnteredById == userId))
        {
            return new PaperEntryOutcome(PaperEntryResult.SameTypist);
        }

        var content = form.Content.ToJson();
        var now = clock.GetUtcNow().UtcDateTime;
        var entry = new PaperEntry
        {
            UnitId = unitId, FieldId = fieldId, Serial = serial, Sequence = existing.Count + 1, QuestionnaireId = form.QuestionnaireId,
            Content = content, EnteredById = userId, EnteredAt = now, Status = PaperEntryStatus.Pending,
        };
        db.PaperEntries.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (!retried)
        {
            // Someone typed the same form at the same moment and the unique index kept only theirs: look again, once.
            db.ChangeTracker.Clear();
            return await EnterAsync(form, user, retried: true, cancellationToken);
        }

        if (entry.Sequence == 1)
        {
            return new PaperEntryOutcome(PaperEntryResult.FirstStored);
        }

        var first = await db.PaperEntries.SingleAsync(e => e.Id == existing[0].Id, cancellationToken);
        if (first.Content != content || first.QuestionnaireId != entry.QuestionnaireId)
        {
            first.Status = entry.Status = PaperEntryStatus.Mismatched;
            await db.SaveChangesAsync(cancellationToken);
            return new PaperEntryOutcome(PaperEntryResult.Mismatched);
        }

        var outcome = await recorder.RecordAsync(submission, user, cancellationToken);
        if (outcome.Status != RecordStatus.Created)
        {
            // The second typing holds the slot; give it back so the form can be typed again once the problem is fixed.
            db.PaperEntries.Remove(entry);
            await db.SaveChangesAsync(cancellationToken);
            return Failed(outcome);
        }

        first.Status = entry.Status = PaperEntryStatus.Recorded;
        first.ResponseId = entry.ResponseId = outcome.Id;
        await db.SaveChangesAsync(cancellationToken);
        return new PaperEntryOutcome(PaperEntryResult.Matched, ResponseId: outcome.Id);
    }

    /// <summary>Records a mismatched form with, for each difference, the typing the reconciler found right on the paper.</summary>
    /// <param name="choices">Difference key (<see cref="PaperDifferences"/>) → 1 or 2.</param>
    public async Task<PaperEntryOutcome> ReconcileAsync(Guid firstEntryId, IDictionary<string, int> choices, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A reconciler is signed in.");
        var pair = await PairAsync(firstEntryId, cancellationToken);
        if (pair is not var (first, second, unitCode, fieldCode))
        {
            return new PaperEntryOutcome(PaperEntryResult.NotFound);
        }

        if (first.EnteredById == userId || second.EnteredById == userId)
        {
            return new PaperEntryOutcome(PaperEntryResult.ThirdPersonRequired);
        }

        var a = PaperContent.FromJson(first.Content);
        var b = PaperContent.FromJson(second.Content);
        if (PaperDifferences.Between(a, b).Any(key => !choices.TryGetValue(key, out var choice) || choice is not (1 or 2)))
        {
            return new PaperEntryOutcome(PaperEntryResult.Invalid, new Dictionary<string, string[]> { ["choices"] = [l["Vui lòng chọn giá trị đúng cho mọi chỗ khác nhau."]] });
        }

        var merged = PaperDifferences.Merge(a, b, choices);
        var submission = Submission(unitCode, fieldCode, first.QuestionnaireId, merged);
        var check = await rules.CheckAsync(submission, user, cancellationToken);
        if (check.NotIndependent)
        {
            return new PaperEntryOutcome(PaperEntryResult.NotIndependent);
        }

        if (!check.IsValid)
        {
            return new PaperEntryOutcome(PaperEntryResult.Invalid, check.Errors);
        }

        // Claim the pair so two reconcilers cannot both record it.
        var claimed = await db.PaperEntries.Where(e => (e.Id == first.Id || e.Id == second.Id) && e.Status == PaperEntryStatus.Mismatched)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, PaperEntryStatus.Reconciling), cancellationToken);
        if (claimed != 2)
        {
            return new PaperEntryOutcome(PaperEntryResult.AlreadyRecorded);
        }

        var outcome = await recorder.RecordAsync(submission, user, cancellationToken);
        if (outcome.Status != RecordStatus.Created)
        {
            await db.PaperEntries.Where(e => e.Id == first.Id || e.Id == second.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, PaperEntryStatus.Mismatched), cancellationToken);
            return Failed(outcome);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in await db.PaperEntries.Where(e => e.Id == first.Id || e.Id == second.Id).ToListAsync(cancellationToken))
        {
            entry.Status = PaperEntryStatus.Recorded;
            entry.ResponseId = outcome.Id;
            entry.ResolvedById = userId;
            entry.ResolvedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new PaperEntryOutcome(PaperEntryResult.Matched, ResponseId: outcome.Id);
    }

    /// <summary>The two typings of a mismatched form, found by the first one's id.</summary>
    public async Task<(PaperEntry First, PaperEntry Second, string UnitCode, string FieldCode)?> PairAsync(Guid firstEntryId, CancellationToken cancellationToken = default)
    {
        var first = await db.PaperEntries.AsNoTracking().SingleOrDefaultAsync(e => e.Id == firstEntryId && e.Sequence == 1, cancellationToken);
        if (first is null || first.Status != PaperEntryStatus.Mismatched)
        {
            return null;
        }

        var second = await db.PaperEntries.AsNoTracking()
            .SingleAsync(e => e.UnitId == first.UnitId && e.FieldId == first.FieldId && e.Serial == first.Serial && e.Sequence == 2, cancellationToken);
        var unitCode = await db.Units.Where(u => u.Id == first.UnitId).Select(u => u.Code).SingleAsync(cancellationToken);
        var fieldCode = await db.Fields.Where(f => f.Id == first.FieldId).Select(f => f.Code).SingleAsync(cancellationToken);
        return (first, second, unitCode, fieldCode);
    }

    private static SurveySubmission Submission(string? unitCode, string? fieldCode, int questionnaireId, PaperContent content) => new(
        unitCode, fieldCode, SurveyChannel.Paper, content.Answers(), Comment: content.Comment, QuestionnaireId: questionnaireId, ContactDate: content.ContactDate);

    private static PaperEntryOutcome Failed(RecordOutcome outcome) => outcome.Status switch
    {
        RecordStatus.NotIndependent => new PaperEntryOutcome(PaperEntryResult.NotIndependent),
        _ => new PaperEntryOutcome(PaperEntryResult.Invalid, outcome.Errors ?? new Dictionary<string, string[]>()),
    };
}
