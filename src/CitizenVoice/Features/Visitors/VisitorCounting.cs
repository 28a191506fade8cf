using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Visitors;

/// <summary>
/// Counts a view of a public page. Only in-memory work happens here (a hash and a few dictionary operations under a
/// lock): the database sees the counts later, from <see cref="VisitorFlushService"/>, so no page waits for it.
/// </summary>
public sealed class VisitorCounting(RequestDelegate next, VisitorCounter counter)
{
    /// <summary>
    /// A random id, not derived from anything about the person, and a session cookie: nothing needs to recognise a
    /// visitor for longer than the minutes of "đang truy cập".
    /// </summary>
    public const string CookieName = "cv.v";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!HttpMethods.IsGet(http.Request.Method) || !IsPublicPage(http))
        {
            await next(http);
            return;
        }

        var userAgent = http.Request.Headers.UserAgent.ToString();
        var searchEngine = SearchEngines.IsSearchEngine(userAgent);
        // Counted before the page renders, so the box on this page includes this view and this visitor.
        var day = counter.Count(Visitor(http, userAgent), searchEngine);
        try
        {
            await next(http);
        }
        catch
        {
            counter.Retract(day);
            throw;
        }

        if (!IsShownPage(http))
        {
            counter.Retract(day);
        }
    }

    private string? Visitor(HttpContext http, string userAgent)
    {
        if (http.Request.Cookies[CookieName] is { Length: 22 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return counter.Hash("cookie", id);
        }

        var byAddress = counter.Hash("address", http.Connection.RemoteIpAddress + "\n" + userAgent);
        // Crawlers keep no cookies, and a browser that came without one moments ago does not keep them either: each
        // would be a new visitor on every page. Their address and agent tell them apart instead.
        if (byAddress is null || SearchEngines.IsRobot(userAgent) || counter.KeepsNoCookie(byAddress))
        {
            return byAddress;
        }

        var newId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        http.Response.Cookies.Append(CookieName, newId, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true, Path = "/",
        });
        return counter.Hash("cookie", newId);
    }

    /// <summary>
    /// A page of the public portal: a Razor page open to everyone, except signing in and out, which are for staff.
    /// Static files, the API, health checks and staff pages are not pages for citizens and are not counted.
    /// </summary>
    public static bool IsPublicPage(HttpContext http) =>
        http.GetEndpoint() is { } endpoint
        && endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page
        && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
        && !page.ViewEnginePath.StartsWith("/Staff/", StringComparison.Ordinal);

    /// <summary>A public page that was shown: not an error, a redirect after a post, or a page not found.</summary>
    public static bool IsShownPage(HttpContext http) =>
        IsPublicPage(http) && http.Response.StatusCode == StatusCodes.Status200OK;
}
