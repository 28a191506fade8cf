using CitizenVoice.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Feedback;

/// <summary>One published question and its answer, at an address of its own that can be shared.</summary>
public sealed class QuestionPageModel(AppDb db) : PageModel
{
    public sealed record View(int Id, string Title, string Question, string Answer, string Field, string FieldCode, string Unit, DateTime PublishedAt, FeedbackKind Kind);

    public View Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var item = await db.QuestionAnswers.AsNoTracking()
            .Where(q => q.Id == id && q.Status == QuestionAnswerStatus.Published)
            .Select(q => new View(q.Id, q.Title, q.Question, q.Answer, LocalName.Of(q.Field!.Name, q.Field.NameEn), q.Field.Code, LocalName.Of(q.Unit!.Name, q.Unit.NameEn), q.PublishedAt!.Value, q.FeedbackItem!.Kind))
            .FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return NotFound();
        }

        Item = item;
        return Page();
    }
}
