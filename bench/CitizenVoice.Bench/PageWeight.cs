using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace CitizenVoice.Bench;

/// <summary>
/// What a browser downloads on a first visit to a page (empty cache): the HTML, then every stylesheet, script, image,
/// icon and font it references (fonts and images also from inside the stylesheets), each asked for with
/// "Accept-Encoding: br, gzip" as browsers do. Counts the bytes as they travel (compressed bodies plus headers).
/// Then a repeat visit, with the browser's cache holding what the first visit got: the page is fetched again; a
/// resource still fresh by its Cache-Control (a fingerprinted file's year) is not requested at all; one to be
/// revalidated (no-cache, with an ETag or Last-Modified) is asked with If-None-Match / If-Modified-Since, costing a
/// 304's headers when unchanged; anything else is downloaded again.
/// </summary>
internal static partial class PageWeight
{
    private sealed record Resource(string Path, string Kind, long Wire, long Body, long Headers, string? Encoding)
    {
        /// <summary>What the response said about caching it, for the repeat visit.</summary>
        public CacheHeaders Cache { get; init; } = new(null, null, null);

        /// <summary>Requested at all (a repeat visit skips what is still fresh in the cache).</summary>
        public bool Requested { get; init; } = true;
    }

    private sealed record CacheHeaders(CacheControlHeaderValue? Control, string? ETag, DateTimeOffset? LastModified);

    /// <summary>The aims for a public page: a first visit within 100 KB, a repeat visit within 20 KB on the wire.</summary>
    public const long FirstVisitAim = 100_000, RepeatVisitAim = 20_000;

    /// <summary>
    /// The public pages weighed by default: those a citizen reaches from the menu, and one of each kind of page behind
    /// them (a dialogue, a news article: the first linked from their lists).
    /// </summary>
    public static async Task<List<string>> PublicPagesAsync(string origin)
    {
        using var http = new HttpClient { BaseAddress = new Uri(origin) };
        async Task<string?> FirstLink(string list, string pattern) =>
            Regex.Match(await http.GetStringAsync(list), pattern) is { Success: true } m ? m.Groups[1].Value : null;

        var session = await FirstLink("/doi-thoai", "href=\"(/doi-thoai/\\d+)\"");
        var article = await FirstLink("/tin-tuc", "href=\"(/tin-tuc/(?!rss)[a-z0-9-]+)\"");
        return
        [
            "/", "/doi-thoai", .. session is null ? Array.Empty<string>() : [session], "/ket-qua-khao-sat",
            "/khao-sat", "/khao-sat/BK-NS/CCCD/tung-buoc", "/phan-anh-kien-nghi", "/phan-anh-kien-nghi/hoi-dap",
            "/tin-tuc", .. article is null ? Array.Empty<string>() : [article], "/danh-ba", "/don-vi",
        ];
    }

    public static async Task RunAsync(string origin, IReadOnlyList<string> pages)
    {
        var table = new List<(string Page, List<Resource> First, List<Resource> Repeat)>();
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false })
        {
            BaseAddress = new Uri(origin),
        };
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br");
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36");
        foreach (var page in pages)
        {
            var resources = new List<Resource>();
            var (html, htmlResource) = await FetchAsync(http, page, "html");
            resources.Add(htmlResource);
            var document = await new HtmlParser().ParseDocumentAsync(Encoding.UTF8.GetString(html));
            var pageUri = new Uri(http.BaseAddress!, page);
            var queue = new List<(Uri Uri, string Kind)>();
            void Add(string? reference, Uri baseUri, string kind)
            {
                if (string.IsNullOrWhiteSpace(reference) || reference.StartsWith("data:", StringComparison.Ordinal))
                {
                    return;
                }

                var uri = new Uri(baseUri, reference.Trim());
                if (uri.Host == pageUri.Host && uri.Port == pageUri.Port && queue.All(q => q.Uri != uri))
                {
                    queue.Add((uri, kind));
                }
            }

            foreach (var link in document.QuerySelectorAll("link[href]"))
            {
                var rel = link.GetAttribute("rel") ?? "";
                // Feeds and the like are links, not downloads; stylesheets, icons, preloads and manifests are fetched.
                if (rel.Contains("stylesheet", StringComparison.OrdinalIgnoreCase))
                {
                    Add(link.GetAttribute("href"), pageUri, "css");
                }
                else if (rel.Contains("icon", StringComparison.OrdinalIgnoreCase) || rel.Contains("preload", StringComparison.OrdinalIgnoreCase) || rel == "manifest")
                {
                    Add(link.GetAttribute("href"), pageUri, link.GetAttribute("as") ?? "icon");
                }
            }

            foreach (var script in document.QuerySelectorAll("script[src]"))
            {
                Add(script.GetAttribute("src"), pageUri, "js");
            }

            foreach (var image in document.QuerySelectorAll("img[src], input[type=image][src], video[poster]"))
            {
                Add(image.GetAttribute("src") ?? image.GetAttribute("poster"), pageUri, "image");
            }

            foreach (var source in document.QuerySelectorAll("img[srcset], source[srcset]"))
            {
                // A browser takes one candidate; the first is counted.
                Add(source.GetAttribute("srcset")!.Split(',')[0].Trim().Split(' ')[0], pageUri, "image");
            }

            var cached = new Dictionary<string, Resource>();
            for (var i = 0; i < queue.Count; i++)
            {
                var (uri, kind) = queue[i];
                var (body, resource) = await FetchAsync(http, uri.PathAndQuery, kind);
                resources.Add(resource);
                cached[uri.PathAndQuery] = resource;
                if (kind == "css")
                {
                    foreach (Match url in CssUrl().Matches(Encoding.UTF8.GetString(body)))
                    {
                        var reference = url.Groups[1].Value;
                        Add(reference, uri, Regex.IsMatch(reference, @"\.(woff2?|ttf|otf|eot)(\?|#|$)", RegexOptions.IgnoreCase) ? "font" : "image");
                    }
                }
            }

            // The repeat visit: the same page again, its resources from the cache the first visit filled.
            var repeat = new List<Resource> { (await FetchAsync(http, page, "html")).Resource };
            foreach (var (uri, _) in queue)
            {
                repeat.Add(await RevisitAsync(http, cached[uri.PathAndQuery]));
            }

            Console.WriteLine($"## {page}");
            foreach (var r in resources)
            {
                Console.WriteLine($"  {r.Kind,-6} {r.Path,-60} {r.Wire,9:N0} B on the wire ({r.Encoding ?? "uncompressed"}, body {r.Body:N0} B; {r.Cache.Control?.ToString() ?? "no Cache-Control"})");
            }

            Console.WriteLine($"  first visit: {resources.Count} requests, {resources.Sum(r => r.Wire):N0} bytes transferred ({resources.Sum(r => r.Wire) / 1024.0:N1} KiB), "
                + $"of which headers {resources.Sum(r => r.Headers):N0}; uncompressed bodies {resources.Sum(r => r.Body):N0} bytes");
            Console.WriteLine($"  repeat visit: {repeat.Count(r => r.Requested)} requests, {repeat.Sum(r => r.Wire):N0} bytes transferred "
                + $"({string.Join(", ", repeat.Select(r => $"{r.Kind} {(r.Requested ? r.Wire.ToString("N0", CultureInfo.InvariantCulture) + " B" : "from cache")}"))})");
            table.Add((page, resources, repeat));
        }

        Console.WriteLine();
        Console.WriteLine($"| page | first visit: requests, bytes | repeat visit: requests, bytes | within {FirstVisitAim / 1000} KB / {RepeatVisitAim / 1000} KB |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (page, first, again) in table)
        {
            long firstBytes = first.Sum(r => r.Wire), repeatBytes = again.Sum(r => r.Wire);
            Console.WriteLine($"| `{page}` | {first.Count}, {firstBytes:N0} | {again.Count(r => r.Requested)}, {repeatBytes:N0} | "
                + $"{(firstBytes <= FirstVisitAim && repeatBytes <= RepeatVisitAim ? "yes" : "**no**")} |");
        }
    }

    /// <summary>A resource on the repeat visit: from the cache, revalidated, or downloaded again (RFC 9111, simplified).</summary>
    private static async Task<Resource> RevisitAsync(HttpClient http, Resource first)
    {
        var control = first.Cache.Control;
        if (control is { NoCache: false, NoStore: false, MaxAge: { } maxAge } && maxAge > TimeSpan.Zero)
        {
            return first with { Wire = 0, Body = 0, Headers = 0, Requested = false };
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, first.Path);
        if (control?.NoStore != true)
        {
            if (first.Cache.ETag is { } tag)
            {
                request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(tag));
            }

            if (first.Cache.LastModified is { } modified)
            {
                request.Headers.IfModifiedSince = modified;
            }
        }

        using var response = await http.SendAsync(request);
        var wire = await response.Content.ReadAsByteArrayAsync();
        var headers = HeaderBytes(response);
        return first with { Wire = wire.Length + headers, Headers = headers, Body = response.StatusCode == HttpStatusCode.NotModified ? 0 : first.Body };
    }

    private static async Task<(byte[] Body, Resource Resource)> FetchAsync(HttpClient http, string path, string kind)
    {
        using var response = await http.GetAsync(path);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} → {(int)response.StatusCode}");
        }

        var wire = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
        var body = Decode(wire, encoding);
        var headers = HeaderBytes(response);
        var cache = new CacheHeaders(response.Headers.CacheControl, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
        return (body, new Resource(path, kind, wire.Length + headers, body.Length, headers, encoding) { Cache = cache });
    }

    private static byte[] Decode(byte[] wire, string? encoding)
    {
        if (encoding is null)
        {
            return wire;
        }

        using var input = new MemoryStream(wire);
        using Stream decoder = encoding switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            _ => throw new InvalidOperationException("Unexpected Content-Encoding " + encoding),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>The response's status line and headers as HTTP/1.1 sends them.</summary>
    private static int HeaderBytes(HttpResponseMessage response)
    {
        static int Size(HttpHeaders headers) => headers.Sum(h => h.Key.Length + 2 + string.Join(", ", h.Value).Length + 2);
        return $"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n".Length + Size(response.Headers) + Size(response.Content.Headers) + 2;
    }

    [GeneratedRegex(@"url\(\s*['""]?([^'"")]+)['""]?\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();
}
