using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Feedback;

/// <summary>The public JSON API of feedback: send it, then follow it with the tracking code.</summary>
public static class FeedbackApi
{
    public sealed record Created(string TrackingCode, string Secret, string Url);

    public sealed record TimelineEntry(DateTimeOffset At, string Action, string? Unit, string? Note);

    /// <summary>What anyone with the code sees; the content and the answer only with the secret.</summary>
    public sealed record StatusDto(
        string TrackingCode, string Kind, string Field, string Unit, string Status, string StatusName, string ReceivedOn,
        string? DueOn, bool Overdue, string? RejectionReason, string? InformationRequest, TimelineEntry[] Timeline,
        bool SecretAccepted, string? Subject, string? Content, string? Answer, bool? Satisfied);

    public static RouteGroupBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/feedback").WithTags("Feedback").AllowAnonymous();
        api.MapPost("/", PostFeedback).RequireRateLimiting(RateLimits.PublicWrite)
            .WithName("PostFeedback").WithSummary("A citizen's góp ý, phản ánh or kiến nghị; answers with the tracking code and the secret that shows its content later.");
        api.MapGet("/{trackingCode}", GetFeedback).RequireRateLimiting(RateLimits.ApiRead)
            .WithName("GetFeedback").WithSummary("The status and timeline of an item; its content and answer too when the secret is sent as X-Feedback-Secret.");
        return api;
    }

    private static async Task<Results<Created<Created>, ValidationProblem>> PostFeedback(
        FeedbackInput input, AppDb db, FeedbackWorkflow workflow, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var (feedback, errors) = await input.ValidateAsync(db, l, ct);
        if (feedback is null)
        {
            return TypedResults.ValidationProblem(errors, title: l["Góp ý, phản ánh chưa gửi được: vui lòng kiểm tra lại."]);
        }

        var (item, secret) = await workflow.ReceiveAsync(feedback, FeedbackChannel.Web, null, null, ct);
        return TypedResults.Created($"/api/v1/feedback/{item.TrackingCode}", new Created(item.TrackingCode, secret, $"/phan-anh-kien-nghi/tra-cuu?ma={item.TrackingCode}"));
    }

    private static async Task<Results<Ok<StatusDto>, ProblemHttpResult>> GetFeedback(
        string trackingCode, [FromHeader(Name = "X-Feedback-Secret")] string? secret, AppDb db, FeedbackWorkflow workflow,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var status = await FeedbackStatusQuery.FindAsync(db, workflow, trackingCode, secret, ct);
        return status is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: l["Không tìm thấy mã theo dõi này."])
            : TypedResults.Ok(status);
    }
}
