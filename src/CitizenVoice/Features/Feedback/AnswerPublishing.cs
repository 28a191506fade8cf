using System.Text;
using System.Text.RegularExpressions;
using CitizenVoice.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Feedback;

/// <summary>
/// Publishing answered feedback as questions and answers ("Hỏi đáp"): staff propose an item whose sender agreed, a
/// moderator edits the public text and publishes or withdraws it. Each step is on the item's timeline; the audit log
/// records the changes to the <see cref="QuestionAnswer"/>.
/// </summary>
public sealed partial class AnswerPublishing(AppDb db, FeedbackWorkflow workflow, TimeProvider clock)
{
    /// <summary>What replaces a name, an email or a phone number in the public text.</summary>
    public const string Hidden = "***";

    public static bool CanBeProposed(FeedbackItem item) =>
        item.PublishConsent && item.Status is FeedbackStatus.Answered or FeedbackStatus.Closed && item.Answer is not null;

    /// <summary>Prepares the public copy: the content and the answer with the sender's name and every contact the app recognises hidden.</summary>
    public async Task<QuestionAnswer> ProposeAsync(FeedbackItem item, StaffActor actor, CancellationToken ct)
    {
        if (!CanBeProposed(item))
        {
            throw new FeedbackStepException(item.Status);
        }

        var existing = await db.QuestionAnswers.FirstOrDefaultAsync(q => q.FeedbackItemId == item.Id, ct);
        if (existing is { Status: not QuestionAnswerStatus.Withdrawn })
        {
            throw new FeedbackStepException(item.Status);
        }

        var qa = existing ?? new QuestionAnswer { FeedbackItemId = item.Id, Title = "", Question = "", Answer = "" };
        qa.FieldId = item.FieldId;
        qa.UnitId = item.AssignedUnitId;
        qa.Status = QuestionAnswerStatus.Proposed;
        qa.ProposedAt = Now;
        SetTexts(qa, item, item.Subject, item.Content, item.Answer!);
        if (existing is null)
        {
            db.QuestionAnswers.Add(qa);
        }

        await StepAsync(item, FeedbackAction.PublicationProposed, actor, ct);
        return qa;
    }

    /// <summary>The moderator's edit of the public text; what the app recognises as a name or contact is hidden again.</summary>
    public async Task SaveAsync(QuestionAnswer qa, FeedbackItem item, string title, string question, string answer, CancellationToken ct)
    {
        if (qa.Status == QuestionAnswerStatus.Withdrawn)
        {
            throw new FeedbackStepException(item.Status);
        }

        SetTexts(qa, item, title, question, answer);
        await db.SaveChangesAsync(ct);
    }

    public async Task PublishAsync(QuestionAnswer qa, FeedbackItem item, StaffActor moderator, CancellationToken ct)
    {
        // The sender's consent is checked again (nothing is published that they did not agree to), and the answer must
        // still stand: an item reopened because its sender was not satisfied waits for its new answer.
        if (!CanBeProposed(item) || qa.Status == QuestionAnswerStatus.Published)
        {
            throw new FeedbackStepException(item.Status);
        }

        qa.Status = QuestionAnswerStatus.Published;
        qa.PublishedAt = Now;
        qa.WithdrawnAt = null;
        await StepAsync(item, FeedbackAction.Published, moderator, ct);
    }

    public async Task WithdrawAsync(QuestionAnswer qa, FeedbackItem item, StaffActor moderator, CancellationToken ct)
    {
        if (qa.Status == QuestionAnswerStatus.Withdrawn)
        {
            throw new FeedbackStepException(item.Status);
        }

        qa.Status = QuestionAnswerStatus.Withdrawn;
        qa.WithdrawnAt = Now;
        await StepAsync(item, FeedbackAction.PublicationWithdrawn, moderator, ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private void SetTexts(QuestionAnswer qa, FeedbackItem item, string title, string question, string answer)
    {
        var name = workflow.Unprotect(item.NameProtected);
        var email = workflow.Unprotect(item.EmailProtected);
        var phone = workflow.Unprotect(item.PhoneProtected);
        qa.Title = Truncate(HidePersonalData(title, name, email, phone), FeedbackRules.SubjectMax);
        qa.Question = Truncate(HidePersonalData(question, name, email, phone), FeedbackRules.ContentMax);
        qa.Answer = Truncate(HidePersonalData(answer, name, email, phone), FeedbackRules.ContentMax);
        qa.SearchText = SearchForm(qa.Title + " " + qa.Question + " " + qa.Answer);
    }

    private async Task StepAsync(FeedbackItem item, FeedbackAction action, StaffActor actor, CancellationToken ct)
    {
        db.FeedbackEvents.Add(new FeedbackEvent
        {
            FeedbackItemId = item.Id, At = Now, Action = action, StaffUserId = actor.UserId, StaffName = actor.Name, UnitId = actor.UnitId,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Hides the sender's name, email and phone as stored, and every email address and Vietnamese phone number in the
    /// text (0… or +84…, with spaces, dots or dashes between digits), since a sender often writes them into the content.
    /// </summary>
    public static string HidePersonalData(string text, string? name, string? email, string? phone)
    {
        var result = EmailPattern().Replace(text, Hidden);
        result = PhonePattern().Replace(result, Hidden);
        foreach (var known in new[] { email, phone, name })
        {
            if (!string.IsNullOrWhiteSpace(known) && known.Trim().Length >= 2)
            {
                result = result.Replace(known.Trim(), Hidden, StringComparison.OrdinalIgnoreCase);
            }
        }

        if (phone is not null && new string([.. phone.Where(char.IsAsciiDigit)]) is { Length: >= 8 } digits)
        {
            result = result.Replace(digits, Hidden, StringComparison.Ordinal);
        }

        return result.Trim();
    }

    /// <summary>Text as the search compares it: no diacritics, lower case, letters and digits only.</summary>
    public static string SearchForm(string text)
    {
        var folded = TextFolding.Fold(text).ToLowerInvariant();
        var plain = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            plain.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return string.Join(' ', plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// Published questions and answers matching every word typed (with or without diacritics) and the field, newest
    /// first; compared inside the database with the stored <see cref="QuestionAnswer.SearchText"/>.
    /// </summary>
    public static IQueryable<QuestionAnswer> Find(AppDb db, string? words, int? fieldId)
    {
        var published = db.QuestionAnswers.AsNoTracking().Where(q => q.Status == QuestionAnswerStatus.Published);
        if (fieldId is { } field)
        {
            published = published.Where(q => q.FieldId == field);
        }

        foreach (var word in SearchForm(words ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(10))
        {
            published = published.Where(q => q.SearchText.Contains(word));
        }

        return published.OrderByDescending(q => q.PublishedAt).ThenByDescending(q => q.Id);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\d])(\+84|0)([\s.\-]?\d){8,10}(?![\d])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PhonePattern();
}
