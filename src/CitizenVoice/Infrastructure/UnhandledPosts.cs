using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// A post (or any method but GET and HEAD) to a page with no handler for it is answered 405. Razor Pages would
/// otherwise render the page without running its OnGet — skipping the checks OnGet makes (whose unit a dialogue
/// belongs to) and failing on the data OnGet would have loaded.
/// </summary>
public sealed class UnhandledPosts : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is null && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
