using System.Globalization;
using CitizenVoice.Features.Surveys;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Satisfaction;

public static class SatisfactionApi
{
    public sealed record Interval(double Low, double High);

    public sealed record FigureDto(double Rate, long N, Interval Ci95, bool InsufficientSample);

    public sealed record DistributionDto(int Value, string Label, bool Satisfied, long Count);

    public sealed record QuestionDto(string Id, string Code, string Text, string? Element, double Rate, long N, Interval Ci95, bool InsufficientSample, DistributionDto[] Distribution);

    public sealed record ElementDto(string Code, string Name, double Rate, long N, Interval Ci95, bool InsufficientSample);

    public sealed record SatisfactionDto(
        string? Unit, string? Field, DateOnly From, DateOnly To, bool Subunits,
        long Responses, double SatisfiedRate, Interval Ci95, bool InsufficientSample,
        ElementDto[] Elements, QuestionDto[] Questions, QuestionDto? Overall);

    public static IEndpointRouteBuilder MapSatisfactionApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Satisfaction").RequireRateLimiting(RateLimits.ApiRead).AllowAnonymous()
            .MapGet("/satisfaction", GetSatisfaction)
            .WithName("GetSatisfaction")
            .WithSummary("Satisfaction index, elements and questions with n and 95% Wilson intervals, read from the rollups.");
        return app;
    }

    private static async Task<Results<Ok<SatisfactionDto>, ValidationProblem>> GetSatisfaction(
        SatisfactionReport report, IStringLocalizer<SharedResource> l, TimeProvider clock, CancellationToken ct,
        string? unit = null, string? field = null, string? procedure = null, string? channel = null, string? respondent = null,
        string? from = null, string? to = null, bool subunits = true)
    {
        var errors = new Dictionary<string, string[]>();
        var today = SurveyResponse.VietnameseDay(clock.GetUtcNow().UtcDateTime);
        var fromDay = ParseDay(from, new DateOnly(today.Year, 1, 1), "from", l, errors);
        var toDay = ParseDay(to, today, "to", l, errors);
        if (fromDay > toDay)
        {
            errors["to"] = [l["Ngày kết thúc phải sau ngày bắt đầu."]];
        }

        SurveyChannel? channelValue = null;
        if (!string.IsNullOrEmpty(channel))
        {
            channelValue = SurveyChannels.Parse(channel);
            if (channelValue is null)
            {
                errors["channel"] = [l["Kênh phải là một trong: online, kiosk, paper, phone, email, import."]];
            }
        }

        int? respondentType = respondent switch
        {
            null or "" => null,
            "citizen" => 1,
            "organisation" => 2,
            _ => -1,
        };
        if (respondentType == -1)
        {
            errors["respondent"] = [l["Người trả lời phải là citizen hoặc organisation."]];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var filter = new SatisfactionFilter(unit, subunits, field, procedure, channelValue, respondentType, fromDay, toDay);
        try
        {
            var figures = await report.FiguresAsync(filter, ct);
            var culture = CultureInfo.CurrentUICulture;
            return TypedResults.Ok(new SatisfactionDto(
                unit, field, fromDay, toDay, subunits, figures.Responses, Round(figures.Index.Value), IntervalOf(figures.Index), !figures.Index.IsSufficient,
                [.. figures.Elements.Select(e => new ElementDto(e.Code, QuestionnaireView.Pick(culture, e.Name, e.NameEn), Round(e.Index.Value), e.Index.N, IntervalOf(e.Index), !e.Index.IsSufficient))],
                [.. figures.Questions.Select(q => ToDto(q, culture))],
                figures.OverallQuestion is { } o ? ToDto(o, culture) : null));
        }
        catch (SatisfactionReport.UnknownCodeException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Parameter] = [l["Không có mã {0}.", e.Code]] });
        }
    }

    private static QuestionDto ToDto(QuestionFigure q, CultureInfo culture) => new(
        q.Id.ToString(CultureInfo.InvariantCulture), q.Code, QuestionnaireView.Pick(culture, q.Text, q.TextEn), q.ElementCode,
        Round(q.Rate.Value), q.Rate.N, IntervalOf(q.Rate), !q.Rate.IsSufficient,
        [.. q.Distribution.Select(d => new DistributionDto(d.Value, QuestionnaireView.Pick(culture, d.Label, d.LabelEn), d.Satisfied, d.Count))]);

    private static Interval IntervalOf(Rate rate) => new(Round(rate.Low), Round(rate.High));

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static DateOnly ParseDay(string? text, DateOnly fallback, string name, IStringLocalizer l, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors[name] = [l["Ngày phải có dạng yyyy-MM-dd, ví dụ 2026-01-31."]];
        return fallback;
    }
}
