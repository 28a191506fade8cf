using System.Buffers;

namespace CitizenVoice.Features.Visitors;

/// <summary>
/// Recognises clients by their user agent: the search engines' crawlers ("Máy chủ tìm kiếm" in the box) and other
/// robots, which keep no cookie and are told apart by address and user agent instead.
/// </summary>
public static class SearchEngines
{
    // The names the crawlers put in their user agents (each engine documents its own). Cốc Cốc is Vietnam's own engine.
    private static readonly SearchValues<string> Crawlers = SearchValues.Create(
    [
        "Googlebot", "Google-InspectionTool", "GoogleOther", "Storebot-Google", "AdsBot-Google", "Mediapartners-Google",
        "bingbot", "BingPreview", "msnbot", "adidxbot", "coccocbot", "YandexBot", "YandexImages", "YandexMobileBot",
        "Baiduspider", "DuckDuckBot", "DuckAssistBot", "Applebot", "Yahoo! Slurp", "Sogou", "Exabot", "SeznamBot",
        "NaverBot", "Yeti/", "PetalBot", "YisouSpider", "360Spider", "Qwantbot", "Qwantify", "MojeekBot", "ia_archiver",
    ], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> Robots = SearchValues.Create(
        ["bot", "crawler", "spider", "slurp", "curl/", "wget/", "python-requests", "httpclient", "okhttp", "go-http-client", "java/"],
        StringComparison.OrdinalIgnoreCase);

    public static bool IsSearchEngine(ReadOnlySpan<char> userAgent) => userAgent.ContainsAny(Crawlers);

    /// <summary>A search engine, another robot, or a client that does not say what it is.</summary>
    public static bool IsRobot(ReadOnlySpan<char> userAgent) =>
        userAgent.IsWhiteSpace() || userAgent.ContainsAny(Robots) || userAgent.ContainsAny(Crawlers);
}
