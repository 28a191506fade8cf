using System.Text.Json;
using CitizenVoice.Features.Home;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// How a failed request is answered. Bad input is the sender's fault and gets the 4xx that says so; only the
/// application's own faults are 500. API callers get problem details (application/problem+json) in the visitor's
/// language; people get the friendly error page (<see cref="ErrorModel"/>).
/// </summary>
public static class ErrorResponses
{
    /// <summary>Kestrel's default largest request body (about 28.6 MiB), used where the server states none.</summary>
    private const long DefaultMaxRequestBody = 30_000_000;

    /// <summary>The status an exception that escaped a handler stands for.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        // The framework's own verdict on the request: a body that is not JSON of the right shape, too large, cut off.
        BadHttpRequestException bad => bad.StatusCode,
        // Wrapped by the reader that met it (a form value provider, the antiforgery check): the inner cause decides.
        _ when exception.InnerException is { } inner && StatusFor(inner) < 500 => StatusFor(inner),
        // A form that cannot be read (a field over the length limit, broken multipart) or JSON of the wrong shape.
        InvalidDataException or JsonException or AntiforgeryValidationException or ValueProviderException => StatusCodes.Status400BadRequest,
        // PostgreSQL refuses text it cannot store (a NUL character); that is the sender's input, not a fault here.
        Npgsql.PostgresException { SqlState: "22021" or "22P05" } => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Problem details in the visitor's language when an endpoint or the framework gave only a status.</summary>
    public static void Localise(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var l = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var text = ErrorTexts.For(status);
        if (problem.Title is null || problem.Title == ReasonPhrases.GetReasonPhrase(status) || problem.Title == "An error occurred while processing your request.")
        {
            problem.Title = l[text.Title];
            problem.Detail ??= l[text.Detail];
        }

        // Exception details stay in the log: the message of a parser error may quote what was sent, and a stack trace
        // tells an attacker how the application is built.
        problem.Extensions.Remove("exception");
    }

    /// <summary>Writes the problem details of the response's status, whatever the client said it accepts.</summary>
    public static async Task WriteProblemAsync(HttpContext http)
    {
        var problem = new ProblemDetails { Status = http.Response.StatusCode };
        var context = new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem };
        Localise(context);
        await Results.Problem(problem).ExecuteAsync(http);
    }

    /// <summary>
    /// Refuses a body larger than the endpoint accepts before anything reads it: Kestrel would fail half-way through
    /// reading, in whichever filter reads first; the test host and some proxies do not limit at all.
    /// </summary>
    public static IApplicationBuilder UseRequestSizeCheck(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        // The error page run again for a refused request does not read the body: it must not be refused a second time.
        var reExecuted = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null
            || http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null;
        if (!reExecuted && http.Request.ContentLength is { } length && MaxRequestBody(http) is { } limit && length > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }

        return next(http);
    });

    private static long? MaxRequestBody(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } endpointLimit
            ? endpointLimit.MaxRequestBodySize
            : http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { } server ? server.MaxRequestBodySize : DefaultMaxRequestBody;
}
