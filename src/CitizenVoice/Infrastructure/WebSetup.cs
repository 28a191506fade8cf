using System.Text.Encodings.Web;
using System.Text.Unicode;
using CitizenVoice.Data;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CitizenVoice.Infrastructure;

/// <summary>The web host's cross-cutting set-up: pages, API conventions, errors, security, health.</summary>
public static class WebSetup
{
    public static IHostApplicationBuilder AddWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages(o =>
            {
                // Pages live with their feature (Features/Organisation/Units.cshtml); each declares its own route.
                o.RootDirectory = "/Features";
            })
            // No client-side validation library is shipped (forms are validated on the server), and the summary it
            // prepares writes an inline style the Content Security Policy refuses: an empty red box on every form.
            .AddViewOptions(o => o.HtmlHelperOptions.ClientValidationEnabled = false)
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        services.AddSingleton<IConfigureOptions<MvcOptions>, LocalisedModelBinding>();
        // Vietnamese text is written as characters, not &#x...; entities: pages stay readable and smaller on slow links.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cv.af";
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddProblemDetails();
        services.AddOpenApi("v1");
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);

        // Keys in the database: every copy of the app reads every cookie, and a restart signs nobody out.
        var dataProtection = services.AddDataProtection().SetApplicationName("CitizenVoice").PersistKeysToDbContext<AppDb>();
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            // With a certificate the key ring is encrypted at rest; without one it is only as safe as the database.
            dataProtection.ProtectKeysWithCertificate(System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath, builder.Configuration["DataProtection:CertificatePassword"]));
        }

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // API clients get problem details; people get the friendly error page, never a stack trace.
            ExceptionHandlingPath = "/loi",
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
        });
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/health"),
            pages => pages.UseStatusCodePagesWithReExecute("/loi", "?code={0}"));
        if (app.Configuration.GetValue<bool>("Https:Redirect"))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapLanguageSwitch();
        return app;
    }
}

internal sealed class LocalisedModelBinding(IStringLocalizer<SharedResource> l) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options) => Localisation.LocaliseModelBinding(options, l);
}
