using Microsoft.Extensions.Options;

namespace CitizenVoice.Infrastructure;

/// <summary>Section "Site": the portal's public address.</summary>
public sealed class SiteAddressOptions
{
    public const string Section = "Site";

    /// <summary>
    /// The address citizens reach the portal at (https://…), for every link the app writes for use elsewhere: QR codes
    /// and posters, emails, RSS and the calendar feed. Set it in production: a link built from the request's Host header
    /// is whatever the client claimed, and a timer that sends emails has no request at all.
    /// </summary>
    public string? PublicUrl { get; set; }
}

/// <summary>Builds absolute links to the portal: from <c>Site:PublicUrl</c> when set, never from a forged Host header.</summary>
public sealed class SiteAddress(IOptions<SiteAddressOptions> options, IHttpContextAccessor http)
{
    /// <summary>
    /// The configured public address; without one, the current request's (development, or a single site behind
    /// <c>AllowedHosts</c>); outside a request with neither, empty, so links stay relative.
    /// </summary>
    public string Origin =>
        options.Value.PublicUrl is { Length: > 0 } configured ? configured.TrimEnd('/')
        : http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}"
        : "";

    /// <summary>The host name alone, for identifiers such as calendar event UIDs.</summary>
    public string Host => Uri.TryCreate(Origin, UriKind.Absolute, out var uri) ? uri.Host : "citizenvoice";

    /// <summary>An absolute link to a path of the portal ("/doi-thoai/12").</summary>
    public string Link(string path) => Origin + path;

    public static IHostApplicationBuilder AddSiteAddress(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SiteAddressOptions>().BindConfiguration(SiteAddressOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.PublicUrl)
                    || (Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"),
                "Site:PublicUrl must be an absolute address (https://…).")
            .ValidateOnStart();
        builder.Services.AddSingleton<SiteAddress>();
        return builder;
    }
}
