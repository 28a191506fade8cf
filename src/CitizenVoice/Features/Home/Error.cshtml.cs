using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Home;

/// <summary>The one error page people see: a plain explanation in their language, never a stack trace.</summary>
/// <remarks>
/// It binds nothing. It is run again for a request that failed, often a post whose form could not be read (too large,
/// malformed); binding a value from that form would fail a second time. The status comes from the failed request.
/// </remarks>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        var code = StatusOfFailedRequest(HttpContext);
        var text = ErrorTexts.For(code);
        (Title, Explanation) = (l[text.Title], l[text.Explanation]);
        Response.StatusCode = code;
    }

    /// <summary>
    /// The status the failed request ended with: set by the exception handler, or kept by the status-code pages. Visited
    /// directly, /loi shows the error named by <c>?code=</c> when it is an error status, and "not found" otherwise.
    /// </summary>
    internal static int StatusOfFailedRequest(HttpContext http)
    {
        if (http.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return IsError(http.Response.StatusCode) ? http.Response.StatusCode : StatusCodes.Status500InternalServerError;
        }

        if (http.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecute && IsError(reExecute.OriginalStatusCode))
        {
            return reExecute.OriginalStatusCode;
        }

        return int.TryParse(http.Request.Query["code"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) && IsError(code)
            ? code
            : StatusCodes.Status404NotFound;
    }

    private static bool IsError(int status) => status is >= 400 and <= 599;
}
