using System.Globalization;
using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Feedback;

/// <summary>An item as its author may see it, for the tracking page and the API alike.</summary>
public static class FeedbackStatusQuery
{
    public static async Task<FeedbackApi.StatusDto?> FindAsync(AppDb db, FeedbackWorkflow workflow, string? trackingCode, string? secret, CancellationToken ct)
    {
        var code = trackingCode?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code) || code.Length > 20)
        {
            return null;
        }

        var item = await db.FeedbackItems.AsNoTracking()
            .Include(f => f.Field).Include(f => f.AssignedUnit).Include(f => f.Events).ThenInclude(e => e.Unit)
            .FirstOrDefaultAsync(f => f.TrackingCode == code, ct);
        if (item is null)
        {
            return null;
        }

        var withSecret = workflow.SecretMatches(item, secret);
        return new FeedbackApi.StatusDto(
            item.TrackingCode, FeedbackRules.Slug(item.Kind), LocalName.Of(item.Field!.Name, item.Field.NameEn), LocalName.Of(item.AssignedUnit!.Name, item.AssignedUnit.NameEn),
            item.Status.ToString(), FeedbackRules.StatusName(item.Status), Iso(item.ReceivedOn), item.DueOn is { } due ? Iso(due) : null,
            item.IsOpen && item.DueOn < workflow.Today, item.RejectionReason, item.InformationRequest,
            [.. item.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
                .Where(e => e.Action is not (FeedbackAction.AnswerDrafted or FeedbackAction.AnswerReturned or FeedbackAction.PublicationProposed))
                .Select(e => new FeedbackApi.TimelineEntry(
                    new DateTimeOffset(DateTime.SpecifyKind(e.At, DateTimeKind.Utc)).ToOffset(VietnamTime.VietnamOffset), FeedbackRules.ActionName(e.Action), e.Unit?.Name,
                    // The answer itself is content: only with the secret.
                    e.Action == FeedbackAction.Answered && !withSecret ? null : e.PublicNote))],
            withSecret,
            withSecret ? item.Subject : null, withSecret ? item.Content : null,
            withSecret && item.Status is FeedbackStatus.Answered or FeedbackStatus.Closed ? item.Answer : null,
            withSecret ? item.Satisfied : null);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
