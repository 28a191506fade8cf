using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CitizenVoice.Features.Audit;
using CitizenVoice.Features.Surveys.Rollups;
using Microsoft.EntityFrameworkCore.Storage;
using CitizenVoice.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Surveys;

/// <summary>A response as it arrives from any channel, before it is checked. <see cref="Id"/>, when a channel knows it
/// (a kiosk's client id, an imported row's stable key), becomes the response's id, so a retry cannot make a second.</summary>
public sealed record SurveySubmission(
    string? UnitCode,
    string? FieldCode,
    SurveyChannel Channel,
    IReadOnlyList<SubmittedAnswer> Answers,
    string? ReceiptCode = null,
    string? Comment = null,
    string? ProcedureCode = null,
    int? QuestionnaireId = null,
    DateOnly? ContactDate = null,
    string? Contact = null,
    bool ContactConsent = false,
    Guid? Id = null);

public sealed record SubmittedAnswer(int QuestionId, int? Value, string? Text = null);

public enum RecordStatus
{
    Created,
    Invalid,
    DuplicateReceipt,
    NotIndependent,
    /// <summary>A staff member, signed in, rated their own unit or one under it through a citizens' channel: refused and audited.</summary>
    OwnUnit,
    /// <summary>A kiosk follow-up from a device that did not record the response it names (or too late): nothing recorded.</summary>
    NotReplaceable,
}

/// <summary>What became of a submission; <see cref="Errors"/> are keyed by the API's field names (unitCode, answers[2].value).</summary>
public sealed record RecordOutcome(RecordStatus Status, Guid? Id = null, IDictionary<string, string[]>? Errors = null)
{
    /// <summary>Created earlier under the same id (a device's retry): nothing new was recorded this time.</summary>
    public bool Repeated { get; init; }
}

/// <summary>
/// The one way a response enters the database, whatever the channel: the checks of <see cref="SurveyRules"/> (with
/// independence for staff channels), the refusal of a self-rating, then <see cref="SurveyWriter"/> stores the response, its answers and the rollups in one transaction (and decides
/// duplicate ids and receipt codes there).
/// </summary>
public sealed class SurveyRecorder(
    AppDb db, SurveyRules rules, ReceiptHasher receipts, IDataProtectionProvider protection, TimeProvider clock, WriteGate gate, SurveyWriter writer,
    SurveyDirectory directory, Organisation.UnitScope scope)
{
    /// <summary>The audit action of a refused self-rating.</summary>
    public const string RefusedAction = "refuse";

    internal static IDataProtector ContactProtector(IDataProtectionProvider provider) => provider.CreateProtector("CitizenVoice.Surveys.Contact.v1");

    /// <param name="staff">The team member entering a paper, phone, email or imported response; null for citizens.</param>
    public Task<RecordOutcome> RecordAsync(SurveySubmission submission, ClaimsPrincipal? staff, CancellationToken cancellationToken = default) =>
        RecordAsync(submission, staff, visitor: null, cancellationToken);

    /// <summary>
    /// A response through a citizens' channel (online form, kiosk, public API). <paramref name="visitor"/> is whoever
    /// is signed in on the browser or device that sent it. A staff member rating their own unit, or one under it, there
    /// would pass their own work off as a citizen's judgement, so it is refused — not stored flagged, because a flagged
    /// rating would still sit among the citizens' ones for every later query to remember to leave out — and the attempt
    /// is written to the audit log. Rating another unit (as any citizen may, say when renewing a passport elsewhere) is allowed.
    /// </summary>
    public Task<RecordOutcome> RecordFromCitizenChannelAsync(SurveySubmission submission, ClaimsPrincipal visitor, CancellationToken cancellationToken = default) =>
        RecordAsync(submission, staff: null, visitor, cancellationToken);

    /// <summary>Whether <paramref name="visitor"/> is staff signed in for the unit (or above it): the channel pages warn them before they rate.</summary>
    public async Task<bool> IsOwnUnitAsync(ClaimsPrincipal visitor, string unitCode, CancellationToken cancellationToken = default) =>
        Organisation.UnitScope.UnitIdOf(visitor) is not null
        && await directory.UnitAsync(db, unitCode, cancellationToken) is { } unit
        && await scope.CoversAsync(visitor, unit.Id, cancellationToken);

    private async Task<RecordOutcome> RecordAsync(SurveySubmission submission, ClaimsPrincipal? staff, ClaimsPrincipal? visitor, CancellationToken cancellationToken)
    {
        var verdict = await rules.CheckAsync(submission, staff, cancellationToken);
        if (verdict is not { Errors.Count: 0, Unit: { } unit, FieldId: { } fieldId, Questionnaire: { } questionnaire })
        {
            return new RecordOutcome(RecordStatus.Invalid, Errors: verdict.Errors);
        }

        var (unitCode, fieldCode) = (submission.UnitCode!.Trim(), submission.FieldCode!.Trim());
        if (visitor is not null && Organisation.UnitScope.UnitIdOf(visitor) is not null && await scope.CoversAsync(visitor, unit.Id, cancellationToken))
        {
            db.AuditLog.Add(new AuditEntry
            {
                At = clock.GetUtcNow().UtcDateTime,
                UserId = visitor.FindFirstValue(ClaimTypes.NameIdentifier),
                UserName = visitor.Identity?.Name ?? "?",
                Action = RefusedAction,
                EntityType = nameof(SurveyResponse),
                EntityKey = unitCode,
                After = JsonSerializer.Serialize(new { Unit = unitCode, Field = fieldCode, Channel = submission.Channel.ToString(), Reason = "Cán bộ đánh giá đơn vị mình qua kênh dành cho người dân" }, AuditJson),
            });
            await db.SaveChangesAsync(cancellationToken);
            return new RecordOutcome(RecordStatus.OwnUnit);
        }

        if (verdict.NotIndependent)
        {
            return new RecordOutcome(RecordStatus.NotIndependent);
        }

        var receiptHash = await receipts.HashAsync(submission.ReceiptCode, cancellationToken);
        var (answers, contact, now) = (verdict.Answers.ToList(), verdict.Contact, clock.GetUtcNow().UtcDateTime);
        var response = new SurveyResponse
        {
            Id = submission.Id ?? Guid.CreateVersion7(),
            QuestionnaireId = questionnaire.Id, UnitId = unit.Id, FieldId = fieldId, ProcedureId = verdict.ProcedureId,
            Channel = submission.Channel, CreatedAt = now, Day = submission.ContactDate ?? SurveyResponse.VietnameseDay(now),
            RespondentType = answers.Find(a => questionnaire.Find(a.QuestionId)?.Scale?.Code == Scales.Respondent)?.Value ?? 0,
            ReceiptHash = receiptHash, Comment = verdict.Comment, Answers = answers,
            ContactProtected = contact is null ? null : ContactProtector(protection).Protect(contact),
            ContactConsentAt = contact is null ? null : now,
            EnteredById = staff?.FindFirstValue(ClaimTypes.NameIdentifier),
        };

        var result = await writer.WriteAsync(response, ResponseCounts.Lineage(unit.Path), unit.Level, staff is null ? null : AuditOf(response, staff), submission.Id is not null, cancellationToken);
        return result == WriteResult.DuplicateReceipt ? new RecordOutcome(RecordStatus.DuplicateReceipt)
            : new RecordOutcome(RecordStatus.Created, response.Id) { Repeated = result == WriteResult.AlreadyStored };
    }

    /// <summary>The audit entry of a staff member's entry: what they recorded, with the contact masked (it is personal data).</summary>
    private AuditEntry AuditOf(SurveyResponse response, ClaimsPrincipal staff) => new()
    {
        At = response.CreatedAt,
        UserId = response.EnteredById,
        UserName = staff.Identity?.Name ?? "?",
        Action = "create",
        EntityType = nameof(SurveyResponse),
        EntityKey = response.Id.ToString(),
        After = JsonSerializer.Serialize(new
        {
            response.QuestionnaireId, response.UnitId, response.FieldId, response.ProcedureId, Channel = response.Channel.ToString(), response.Day,
            response.RespondentType, response.Comment, Contact = response.ContactProtected is null ? null : "***",
            Answers = response.Answers.ToDictionary(a => a.QuestionId.ToString(CultureInfo.InvariantCulture), a => (object?)a.Value ?? a.Text),
        }, AuditJson),
    };

    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Soft-deletes a response with a reason and takes its answers out of the rollups, in one transaction.</summary>
    public async Task<bool> DeleteAsync(Guid id, string reason, CancellationToken cancellationToken = default)
    {
        var response = await db.SurveyResponses.SingleOrDefaultAsync(r => r.Id == id && !r.IsDeleted, cancellationToken);
        if (response is null)
        {
            return false;
        }

        using var turn = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        response.IsDeleted = true;
        response.DeletedReason = reason;
        response.DeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        var unit = await db.Units.Where(u => u.Id == response.UnitId).Select(u => new { u.Path, u.Level }).SingleAsync(cancellationToken);
        var counts = new ResponseCounts();
        counts.Remove(response, ResponseCounts.Lineage(unit.Path), unit.Level);
        await counts.WriteAsync(db.Database.GetDbConnection(), transaction.GetDbTransaction(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
