using System.Text.Encodings.Web;
using System.Text.Unicode;
using CitizenVoice.Data;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
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
        SiteAddress.AddSiteAddress(builder);
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
        services.AddSingleton<IConfigureOptions<MvcOptions>, CheckboxBinding>();
        // Vietnamese text is written as characters, not &#x...; entities: pages stay readable and smaller on slow links.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cv.af";
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ErrorResponses.Localise);
        services.AddOpenApi("v1");
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);

        // Keys in the database: every copy of the app reads every cookie, and a restart signs nobody out.
        var dataProtection = services.AddDataProtection().SetApplicationName("CitizenVoice").PersistKeysToDbContext<AppDb>();
        if (builder.Configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            // The key ring is encrypted at rest with the certificate, which is kept outside the database.
            dataProtection.ProtectKeysWithCertificate(LoadCertificate(certificatePath, builder.Configuration["DataProtection:CertificatePassword"]));
        }
        else if (builder.Environment.IsProduction())
        {
            // Unencrypted, the key ring sits in the same database as what it protects (contact details, the receipt-code
            // key): a copy of the database alone would be enough to read them. Development and tests need no set-up.
            throw new InvalidOperationException(
                "In Production the Data Protection keys must be encrypted with a certificate: set DataProtection__CertificatePath "
                + "(and DataProtection__CertificatePassword) to a PFX file with a private key, kept outside the database and its backups. "
                + "See the configuration table in README.md.");
        }
        else
        {
            // Outside Production an unencrypted key ring is the intended set-up (README says so), so its warning on
            // every first run would only teach people to ignore warnings.
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        }

        services.Configure<ForwardedHeadersOptions>(o => TrustForwardedHeaders(o, builder.Configuration.GetSection("ForwardedHeaders")));
        AddCompression(services);
        // The static files (wwwroot) are served from the list the build writes of them, with a fingerprinted address for
        // each and its gzip and Brotli copies (MapStaticAssets, below). A publish puts them all in its own wwwroot. A build
        // leaves the compressed copies under obj/ and names where in a manifest beside the DLL: read it in every
        // environment (ASP.NET Core does so only in Development), so that the build output run as in production (the
        // benchmarks, the cluster tests, the test host) serves the same compressed files as a publish.
        if (!builder.Environment.IsDevelopment() && builder.Environment is IWebHostEnvironment web)
        {
            Microsoft.AspNetCore.Hosting.StaticWebAssets.StaticWebAssetsLoader.UseStaticWebAssets(web, builder.Configuration);
        }

        // With a build's manifest ASP.NET Core would also watch wwwroot for edits made after the build and serve an edited
        // file gzipped on the fly, with no cache. It takes a file as edited when its time differs from the manifest's,
        // which is written to the second, so every file was: each was sent stored, not compressed, and labelled "br"
        // when the browser asked for Brotli, which it cannot read. The files a build listed are served as listed; after
        // editing one, build again (dotnet run does).
        builder.Configuration["ReloadStaticAssetsAtRuntime"] ??= "false";

        return builder;
    }

    /// <summary>
    /// Pages, styles and scripts go compressed (Brotli, or gzip for older clients): citizens often read on a phone over a
    /// slow or metered mobile link, where the first visit's stylesheet alone would otherwise be most of the wait.
    /// </summary>
    private static void AddCompression(IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Also behind TLS. Compression over HTTPS lets an attacker who can both inject text into a page and make the
            // victim's browser fetch it many times guess a secret in that page byte by byte (BREACH). Here the secret in
            // every form, the antiforgery token, is encrypted afresh for each response, so it never repeats; and the
            // staff cookie is SameSite=Lax, so another site cannot make a signed-in browser fetch staff pages in the background.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(
                ["image/svg+xml", "application/rss+xml", "application/problem+json", "text/calendar", "text/csv"]);
        });
        // Optimal, not the middleware's default of fastest: a page is a few tens of kilobytes, and the smaller file is
        // worth more on a slow link than the fraction of a millisecond it costs.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"DataProtection__CertificatePath: the certificate {path} has no private key.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"DataProtection__CertificatePath: cannot read the certificate {path} ({e.Message}).", e);
        }
    }

    /// <summary>
    /// X-Forwarded-For is believed only from the reverse proxies named in configuration (and from this machine), never
    /// from anyone: otherwise every request could claim a new address and the per-client rate limits would mean nothing.
    /// </summary>
    internal static void TrustForwardedHeaders(ForwardedHeadersOptions options, IConfiguration section)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // The defaults (loopback) stay: a proxy on the same machine cannot be impersonated from outside it.
        foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
        {
            options.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders__KnownProxies: “{proxy}” is not an IP address."));
        }

        foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"ForwardedHeaders__KnownNetworks: “{network}” is not a network in CIDR form (such as 10.0.0.0/8)."));
        }
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Before everything that writes a body, error pages and static files included.
        app.UseResponseCompression();
        // API clients get problem details; people get the friendly error page, never a stack trace. Either way bad input
        // keeps its 4xx (ErrorResponses.StatusFor), and is not logged as an application error.
        app.UseWhen(IsApi, api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = ErrorResponses.WriteProblemAsync,
            StatusCodeSelector = ErrorResponses.StatusFor,
            SuppressDiagnosticsCallback = c => ErrorResponses.StatusFor(c.Exception) < 500,
        }).UseStatusCodePages(c => ErrorResponses.WriteProblemAsync(c.HttpContext)));
        app.UseWhen(c => !IsApi(c), pages => pages.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/loi",
            StatusCodeSelector = ErrorResponses.StatusFor,
            SuppressDiagnosticsCallback = c => ErrorResponses.StatusFor(c.Exception) < 500,
        }));
        app.UseWhen(c => !IsApi(c) && !c.Request.Path.StartsWithSegments("/health"), pages => pages.UseStatusCodePagesWithReExecute("/loi"));
        if (app.Configuration.GetValue<bool>("Https:Redirect"))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRequestSizeCheck();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    public static WebApplication MapWeb(this WebApplication app)
    {
        // Static files are endpoints: a fingerprinted address (site.m6v11pci2b.css) is cached for a year and never asked
        // again; the plain address is revalidated. The precompressed copy the browser accepts is sent as it is (the response
        // compression leaves a body that already has a Content-Encoding alone). Public, like the pages that use them.
        app.MapStaticAssets().AllowAnonymous();
        // Pages then write the fingerprinted address for "~/css/site.css" in link, script and img tags.
        app.MapRazorPages().WithStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapLanguageSwitch();
        return app;
    }
}

internal sealed class LocalisedModelBinding(IStringLocalizer<SharedResource> l) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options) => Localisation.LocaliseModelBinding(options, l);
}
