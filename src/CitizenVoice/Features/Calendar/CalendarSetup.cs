using System.Globalization;
using CitizenVoice.Features.Access;
using CitizenVoice.Features.Staff;
using CitizenVoice.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Calendar;

/// <summary>The working calendar: public holidays (solar and lunar), administrator-added days, working-day arithmetic.</summary>
public static class CalendarSetup
{
    /// <summary>The longest deadline the API counts: a year of working days is far beyond any legal time limit.</summary>
    public const int MaxDays = 366;

    public static IHostApplicationBuilder AddCalendar(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<WorkingCalendar>();
        builder.Services.AddScoped<Data.ISeeder, CalendarSeed>();
        builder.Services.AddSingleton(new StaffArea(85, "Lịch làm việc", "Ngày lễ, Tết và ngày nghỉ, làm bù theo quyết định hằng năm, để tính thời hạn.", "/quan-tri/lich-lam-viec", Roles.Administrator));
        return builder;
    }

    public sealed record HolidayDto(string Date, string Name);

    public sealed record WorkingDayDto(string Date);

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Calendar").RequireRateLimiting(RateLimits.ApiRead).AllowAnonymous();
        api.MapGet("/holidays", GetHolidays).WithName("GetHolidays")
            .WithSummary("Every public holiday (by the solar and the Vietnamese lunar calendar), make-up day off and administrator-added day off of a year, a day each.");
        api.MapGet("/working-days", GetWorkingDay).WithName("GetWorkingDay")
            .WithSummary("The day a number of working days after a date (the date itself not counted): the deadline of an item received that day.");
        return app;
    }

    private static async Task<Results<Ok<HolidayDto[]>, ValidationProblem>> GetHolidays(
        string? year, WorkingCalendar calendar, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || y is < VietnameseLunarCalendar.FirstYear or > VietnameseLunarCalendar.LastYear)
        {
            return Invalid("year", l["Năm phải là một số từ {0} đến {1}.", VietnameseLunarCalendar.FirstYear, VietnameseLunarCalendar.LastYear]);
        }

        var days = await calendar.DaysOffAsync(y, ct);
        return TypedResults.Ok(days.Select(d => new HolidayDto(Iso(d.Date), d.Name)).ToArray());
    }

    private static async Task<Results<Ok<WorkingDayDto>, ValidationProblem>> GetWorkingDay(
        string? from, string? days, WorkingCalendar calendar, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || start.Year < VietnameseLunarCalendar.FirstYear || start.Year >= VietnameseLunarCalendar.LastYear)
        {
            return Invalid("from", l["Ngày bắt đầu phải có dạng YYYY-MM-DD, trong các năm {0}–{1}.", VietnameseLunarCalendar.FirstYear, VietnameseLunarCalendar.LastYear - 1]);
        }

        if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > MaxDays)
        {
            return Invalid("days", l["Số ngày làm việc phải là một số từ 0 đến {0}.", MaxDays]);
        }

        return TypedResults.Ok(new WorkingDayDto(Iso(await calendar.AddWorkingDaysAsync(start, n, ct))));
    }

    private static ValidationProblem Invalid(string parameter, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [message] }, title: message);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
