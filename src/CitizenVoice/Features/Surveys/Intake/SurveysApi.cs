using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Surveys;

/// <summary>The survey endpoints of the public JSON API (v1): what kiosks and other systems call.</summary>
public static class SurveysApi
{
    public sealed record ScaleValueDto(int Value, string Label, bool Satisfied);

    public sealed record ScaleDto(string Code, ScaleValueDto[] Values);

    public sealed record QuestionDto(string Id, string Code, string Kind, string Text, ScaleDto? Scale);

    public sealed record ElementDto(string Code, string Name, QuestionDto[] Questions);

    public sealed record QuestionnaireDto(string Id, string Code, int Version, string Title, ElementDto[] Elements, QuestionDto? Overall, QuestionDto[] Profile, QuestionDto[] FreeText);

    public sealed record AnswerRequest(
        [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int QuestionId, int? Value, string? Text);

    public sealed record SurveyResponseRequest(
        string? UnitCode, string? FieldCode, string? Channel, string? ReceiptCode, AnswerRequest[]? Answers, string? Comment,
        string? ProcedureCode, [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)] int? QuestionnaireId,
        Guid? ClientId = null, Guid? Replaces = null);

    public sealed record CreatedResponse(string Id);

    public static RouteGroupBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Surveys").AllowAnonymous();
        api.MapGet("/questionnaires/current", GetCurrent).RequireRateLimiting(Infrastructure.RateLimits.ApiRead)
            .WithName("GetCurrentQuestionnaire").WithSummary("The questionnaire citizens answer now: elements, questions and scales.");
        api.MapPost("/survey-responses", PostResponse).RequireRateLimiting(Infrastructure.RateLimits.PublicWrite)
            .WithName("PostSurveyResponse").WithSummary("Records one response (online or kiosk); a receipt code counts once per unit; a repeated clientId is not recorded twice.")
            .WithDescription("A kiosk response's answer sets a follow-up cookie; a follow-up naming it in `replaces` is accepted only with that cookie, "
                + "within 30 minutes, and keeps the first response's overall rating. Staff signed in may not rate their own unit or units under it (403).");
        return api;
    }

    private static async Task<Results<Ok<QuestionnaireDto>, NotFound>> GetCurrent(QuestionnaireCatalog catalog, CancellationToken ct) =>
        await catalog.CurrentAsync(ct) is { } q ? TypedResults.Ok(ToDto(q, CultureInfo.CurrentUICulture)) : TypedResults.NotFound();

    private static async Task<Results<Created<CreatedResponse>, ValidationProblem, ProblemHttpResult>> PostResponse(
        SurveyResponseRequest request, KioskRecorder recorder, HttpContext http, IStringLocalizer<SharedResource> l)
    {
        // Kiosks and other systems speak for citizens; paper, phone, email and import entries go through the team's pages.
        if (SurveyChannels.Parse(request.Channel) is not { } channel)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["channel"] = [l["Kênh “{0}” không hợp lệ; dùng online hoặc kiosk.", request.Channel ?? ""]] },
                title: l["Phiếu khảo sát chưa hợp lệ."]);
        }

        // A clientId makes the call idempotent: a device that retries (a kiosk's offline queue) never records twice.
        var outcome = await recorder.RecordOnceAsync(new SurveySubmission(
            request.UnitCode, request.FieldCode, channel,
            [.. (request.Answers ?? []).Select(a => new SubmittedAnswer(a.QuestionId, a.Value, a.Text))],
            request.ReceiptCode, request.Comment, request.ProcedureCode, request.QuestionnaireId), request.ClientId, request.Replaces, http);
        return outcome.Status switch
        {
            RecordStatus.Created => TypedResults.Created((string?)null, new CreatedResponse(outcome.Id!.Value.ToString())),
            RecordStatus.DuplicateReceipt => TypedResults.Problem(
                title: l["Hồ sơ này đã được đánh giá."],
                detail: l["Mỗi hồ sơ chỉ được đánh giá một lần. Mã hồ sơ này đã có phiếu đánh giá tại đơn vị."],
                statusCode: StatusCodes.Status409Conflict),
            RecordStatus.Invalid => TypedResults.ValidationProblem(outcome.Errors!, title: l["Phiếu khảo sát chưa hợp lệ."]),
            RecordStatus.OwnUnit => TypedResults.Problem(
                title: l["Cán bộ không tự đánh giá đơn vị mình."],
                detail: l["Cán bộ đang đăng nhập không được đánh giá đơn vị mình hoặc đơn vị trực thuộc qua kênh dành cho người dân. Phiếu không được ghi nhận; lần gửi này đã được ghi vào nhật ký."],
                statusCode: StatusCodes.Status403Forbidden),
            RecordStatus.NotReplaceable => TypedResults.Problem(
                title: l["Không thể đánh giá thêm cho phiếu này."],
                detail: l["Chỉ máy đã ghi phiếu mới được đánh giá thêm, trong vòng 30 phút sau khi ghi."],
                statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden),
        };
    }

    private static QuestionnaireDto ToDto(QuestionnaireView q, CultureInfo culture)
    {
        QuestionDto Question(QuestionView v) => new(
            v.Id.ToString(CultureInfo.InvariantCulture), v.Code, v.Kind.ToString().ToLowerInvariant(), v.TextFor(culture),
            v.Scale is null ? null : new ScaleDto(v.Scale.Code, [.. v.Scale.Values.Select(s => new ScaleValueDto(s.Value, s.LabelFor(culture), s.Satisfied))]));
        return new QuestionnaireDto(
            q.Id.ToString(CultureInfo.InvariantCulture), q.Code, q.Version, q.TitleFor(culture),
            [.. q.Elements.Select(e => new ElementDto(e.Code, e.NameFor(culture), [.. e.Questions.Select(Question)]))],
            q.Overall is null ? null : Question(q.Overall), [.. q.Profile.Select(Question)], [.. q.FreeText.Select(Question)]);
    }
}
