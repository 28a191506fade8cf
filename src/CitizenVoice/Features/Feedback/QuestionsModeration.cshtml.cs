using CitizenVoice.Infrastructure;
using CitizenVoice.Data;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Feedback;

/// <summary>The moderator's list of questions and answers of their scope: proposed ones to review first, then the published and withdrawn.</summary>
[Authorize(Policy = Policies.Staff, Roles = $"{Roles.Administrator},{Roles.Leader},{Roles.Moderator}")]
public sealed class QuestionsModerationModel(AppDb db, UnitScope scope) : PageModel
{
    public sealed record Row(int Id, int ItemId, string TrackingCode, string Title, string Unit, QuestionAnswerStatus Status, DateTime ProposedAt, DateTime? PublishedAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var units = (await scope.WithinAsync(User, ct)).Select(u => u.Id);
        Rows = await db.QuestionAnswers.AsNoTracking()
            .Where(q => units.Contains(q.FeedbackItem!.AssignedUnitId))
            .OrderBy(q => q.Status).ThenByDescending(q => q.ProposedAt).Take(200)
            .Select(q => new Row(q.Id, q.FeedbackItemId, q.FeedbackItem!.TrackingCode, q.Title, LocalName.Of(q.Unit!.Name, q.Unit.NameEn), q.Status, q.ProposedAt, q.PublishedAt))
            .ToListAsync(ct);
    }

    public static string StatusName(QuestionAnswerStatus status) => status switch
    {
        QuestionAnswerStatus.Proposed => "Chờ xem lại và đăng",
        QuestionAnswerStatus.Published => "Đang đăng công khai",
        _ => "Đã gỡ",
    };
}
