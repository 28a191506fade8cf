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
/// </summary>
internal static partial class PageWeight
{
    private sealed record Resource(string Path, string Kind, long Wire, long Body, long Headers, string? Encoding);

    public static async Task RunAsync(string origin, IReadOnlyList<string> pages)
    {
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

            for (var i = 0; i < queue.Count; i++)
            {
                var (uri, kind) = queue[i];
                var (body, resource) = await FetchAsync(http, uri.PathAndQuery, kind);
                resources.Add(resource);
                if (kind == "css")
                {
                    foreach (Match url in CssUrl().Matches(Encoding.UTF8.GetString(body)))
                    {
                        var reference = url.Groups[1].Value;
                        Add(reference, uri, Regex.IsMatch(reference, @"\.(woff2?|ttf|otf|eot)(\?|#|$)", RegexOptions.IgnoreCase) ? "font" : "image");
                    }
                }
            }

            Console.WriteLine($"## {page}");
            foreach (var r in resources)
            {
                Console.WriteLine($"  {r.Kind,-6} {r.Path,-60} {r.Wire,9:N0} B on the wire ({r.Encoding ?? "uncompressed"}, body {r.Body:N0} B)");
            }

            Console.WriteLine($"  total: {resources.Count} requests, {resources.Sum(r => r.Wire):N0} bytes transferred ({resources.Sum(r => r.Wire) / 1024.0:N1} KiB), "
                + $"of which headers {resources.Sum(r => r.Headers):N0}; uncompressed bodies {resources.Sum(r => r.Body):N0} bytes");
        }
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
        return (body, new Resource(path, kind, wire.Length + headers, body.Length, headers, encoding));
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
