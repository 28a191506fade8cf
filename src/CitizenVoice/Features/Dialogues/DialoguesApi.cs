using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Dialogues;

/// <summary>The public JSON API of dialogues: announced and past sessions, and citizens' questions.</summary>
public static class DialoguesApi
{
    public sealed record SessionDto(
        int Id, string Title, string HostUnitCode, string HostUnitName, string Format, string Status,
        DateTime StartsAt, DateTime EndsAt, string? Venue, string[] Fields, bool AcceptsQuestions, string Url);

    public sealed record CommitmentDto(string What, string Unit, DateOnly DueOn, string Status, bool Overdue, string? Evidence);

    public sealed record QuestionDto(
        int Id, string Text, string? FieldCode, string Channel, int Supports, string? Answer, bool? AnsweredOnTheSpot,
        string? AnsweredBy, DateTime? AnsweredAt, CommitmentDto[] Commitments);

    public sealed record FiguresDto(
        int OpinionsReceived, int AnsweredOnTheSpot, int AnsweredLater,
        int CommitmentsDone, int CommitmentsInProgress, int CommitmentsOverdue, int CommitmentsTransferred);

    public sealed record SessionDetailDto(
        SessionDto Session, string Content, string Chair, string[] Officials, Dictionary<string, int?> Attendance,
        int? Participants, FiguresDto Figures, QuestionDto[] Questions);

    /// <summary>
    /// The question's id and status, as before; with the tracking code the author follows it by, the secret (shown once)
    /// that shows them their question and personal data, and the tracking page's address.
    /// </summary>
    public sealed record QuestionCreated(int Id, string Status, string TrackingCode, string Secret, string Url);

    /// <summary>What the author of a question may follow: its status, why it was not published, and the answer.</summary>
    public sealed record QuestionStatusDto(int Id, string Status, string? RejectionReason, string? Answer, DateTime? AnsweredAt, int? MergedInto);

    public static RouteGroupBuilder MapDialoguesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/dialogues").WithTags("Dialogues").AllowAnonymous();
        api.MapGet("/", GetDialogues).RequireRateLimiting(RateLimits.ApiRead)
            .WithName("GetDialogues").WithSummary("Announced and past dialogues, newest first; filter by unit (with its subunits), field and year.");
        api.MapGet("/{id:int}", GetDialogue).RequireRateLimiting(RateLimits.ApiRead)
            .WithName("GetDialogue").WithSummary("One dialogue with its published questions, answers, commitments and accountability figures.");

        api.MapGet("/{id:int}/questions/{questionId:int}", GetQuestionStatus).RequireRateLimiting(RateLimits.ApiRead)
            .WithName("GetDialogueQuestionStatus").WithSummary("The status of a question sent earlier: pending, published, rejected (with the reason), merged or answered.");

        api.MapGet("/questions/{trackingCode}", GetQuestionByCode).RequireRateLimiting(RateLimits.ApiRead)
            .WithName("GetDialogueQuestionByCode")
            .WithSummary("A question followed by its tracking code: status, the reason it was not published, the answer and commitments; its text too when the secret is sent as X-Question-Secret.");

        var writes = api.MapGroup("/").RequireRateLimiting(RateLimits.PublicWrite);
        writes.MapPost("/{id:int}/questions", PostQuestion)
            .WithName("PostDialogueQuestion").WithSummary("A citizen's question; it is published only after a moderator approves it.");
        return api;
    }

    private static SessionDto ToDto(DialogueQueries.SessionSummary s) => new(
        s.Id, s.Title, s.HostUnitCode, s.HostUnitName, Slug(s.Format.ToString()), Slug(s.Status.ToString()),
        s.StartsAt, s.EndsAt, s.Venue, [.. s.FieldCodes],
        s.Status is DialogueStatus.OpenForQuestions or DialogueStatus.Live, $"/doi-thoai/{s.Id}");

    /// <summary>"OpenForQuestions" → "open-for-questions": the API's enum values are stable kebab-case words.</summary>
    internal static string Slug(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static async Task<Ok<SessionDto[]>> GetDialogues(AppDb db, string? unit, string? field, int? year, CancellationToken ct)
    {
        var sessions = await DialogueQueries.ListAsync(db, new(unit, field, year), ct);
        return TypedResults.Ok(sessions.Select(ToDto).ToArray());
    }

    private static async Task<Results<Ok<SessionDetailDto>, NotFound>> GetDialogue(int id, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var d = await DialogueQueries.DetailAsync(db, id, VietnamTime.Today(clock), ct);
        if (d is null)
        {
            return TypedResults.NotFound();
        }

        var f = d.Figures;
        return TypedResults.Ok(new SessionDetailDto(
            ToDto(d.Summary), d.Content, d.Chair,
            (d.Officials ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            d.Attendance, d.Participants,
            new FiguresDto(f.Received, f.AnsweredOnTheSpot, f.AnsweredLater, f.CommitmentsDone, f.CommitmentsInProgress, f.CommitmentsOverdue, f.CommitmentsTransferred),
            d.Questions.Select(q => new QuestionDto(
                q.Id, q.Text, q.FieldCode, Slug(q.Channel.ToString()), q.Supports, q.Answer,
                q.AnswerTiming is null ? null : q.AnswerTiming == AnswerTiming.OnTheSpot, q.AnsweredBy, q.AnsweredAt,
                q.Commitments.Select(c => new CommitmentDto(c.What, c.UnitName, c.DueOn, Slug(c.Status.ToString()), c.Overdue, c.Evidence)).ToArray()))
                .ToArray()));
    }

    private static async Task<Results<Ok<QuestionStatusDto>, NotFound>> GetQuestionStatus(
        int id, int questionId, AppDb db, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        // The text is not returned: a rejected question may hold what should not be published.
        var q = await db.Opinions.AsNoTracking().Where(o => o.Id == questionId && o.SessionId == id)
            .Select(o => new { o.Id, o.Status, o.RejectionReason, o.Answer, o.AnsweredAt, o.MergedIntoId }).SingleOrDefaultAsync(ct);
        if (q is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new QuestionStatusDto(
            q.Id, Slug(q.Status.ToString()), q.RejectionReason is { } r ? l[DialogueText.Rejection(r)].Value : null,
            q.Answer, q.AnsweredAt, q.MergedIntoId));
    }

    private static async Task<Results<Ok<QuestionTracking.Result>, ProblemHttpResult>> GetQuestionByCode(
        string trackingCode, [FromHeader(Name = "X-Question-Secret")] string? secret, AppDb db, TimeProvider clock,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var status = await QuestionTracking.FindAsync(db, trackingCode, secret, VietnamTime.Today(clock), ct);
        return status is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Không tìm thấy mã theo dõi này."])
            : TypedResults.Ok(status);
    }

    private static async Task<Results<Created<QuestionCreated>, ValidationProblem, NotFound, ProblemHttpResult>> PostQuestion(
        int id, [FromBody] QuestionInput input, AppDb db, ContactProtector contacts, LiveRoom live, TimeProvider clock,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var session = await db.DialogueSessions.SingleOrDefaultAsync(s => s.Id == id && s.Status != DialogueStatus.Draft, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }

        if (!session.AcceptsQuestions)
        {
            return TypedResults.Problem(l["Buổi đối thoại không nhận câu hỏi lúc này."], statusCode: StatusCodes.Status409Conflict);
        }

        var errors = await Questions.ValidateAsync(input, db, l, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: l["Câu hỏi chưa hợp lệ."]);
        }

        var (opinion, secret) = await Questions.ReceiveAsync(db, session, input, contacts, clock.GetUtcNow().UtcDateTime, ct);
        await live.ReceivedAsync(session.Id, await db.Opinions.CountAsync(o => o.SessionId == session.Id && o.Status == OpinionStatus.Pending, ct));
        return TypedResults.Created($"/api/v1/dialogues/{id}/questions/{opinion.Id}",
            new QuestionCreated(opinion.Id, "pending", opinion.TrackingCode!, secret, $"{QuestionTrackingModel.Path}?ma={opinion.TrackingCode}"));
    }
}
