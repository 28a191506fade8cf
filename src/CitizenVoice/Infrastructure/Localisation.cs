using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Infrastructure;

public static class Localisation
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    public static readonly StringComparer VietnameseOrder = StringComparer.Create(Vietnamese, CompareOptions.IgnoreCase);

    public static IHostApplicationBuilder AddLocalisation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Vietnamese);
            o.SupportedCultures = o.SupportedUICultures = [Vietnamese, English];
            // The agency's site is Vietnamese unless the visitor chooses English (remembered in a cookie);
            // the browser's Accept-Language is deliberately not consulted.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    /// <summary>Model-binding messages ("the value is invalid") in the user's language.</summary>
    public static void LocaliseModelBinding(MvcOptions options, IStringLocalizer l)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetValueIsInvalidAccessor(v => l["Giá trị “{0}” không hợp lệ.", v]);
        messages.SetValueMustBeANumberAccessor(f => l["Trường {0} phải là số.", f]);
        messages.SetValueMustNotBeNullAccessor(f => l["Vui lòng nhập {0}.", f]);
        messages.SetAttemptedValueIsInvalidAccessor((v, f) => l["Giá trị “{0}” không hợp lệ cho {1}.", v, f]);
        messages.SetMissingBindRequiredValueAccessor(f => l["Vui lòng nhập {0}.", f]);
        messages.SetMissingKeyOrValueAccessor(() => l["Thiếu giá trị."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => l["Thiếu nội dung yêu cầu."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["Giá trị “{0}” không hợp lệ.", v]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Giá trị không hợp lệ."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Giá trị phải là số."]);
        messages.SetUnknownValueIsInvalidAccessor(f => l["Giá trị của {0} không hợp lệ.", f]);
    }

    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder app)
    {
        // A plain form post, so the switch works without JavaScript; the choice is kept for a year.
        app.MapPost("/ngon-ngu", (HttpContext http, IUrlHelperFactory urls, [FromForm] string culture, [FromForm] string? returnUrl) =>
        {
            var chosen = culture == "en" ? English : Vietnamese;
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            // The same test LocalRedirect applies, so an address it would refuse (/\\host, a tab after the slash) goes home instead.
            var url = urls.GetUrlHelper(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
            return Results.LocalRedirect(url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
