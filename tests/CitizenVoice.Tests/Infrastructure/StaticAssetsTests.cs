using System.IO.Compression;
using System.Net;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>
/// Styles and scripts are fingerprinted: the page names a file by its content's hash, so a browser keeps it for a year
/// and a repeat visit downloads only the page. Each is sent precompressed (Brotli or gzip, as the browser accepts).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaticAssetsTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_layout_names_fingerprinted_files_which_are_cached_for_a_year_and_sent_in_Brotli_when_asked()
    {
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync("/");
        var files = page.QuerySelectorAll("link[rel=stylesheet], link[rel=icon], script[src], img.brand-logo")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
        Assert.Contains(files, f => f.StartsWith("/css/site.", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("/lib/bootstrap/bootstrap.min.", StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith("/img/emblem.", StringComparison.Ordinal));

        foreach (var file in files)
        {
            Assert.Matches(@"^/[\w/.-]+\.[a-z0-9]{10}\.(css|js|svg)$", file);
            using var request = new HttpRequestMessage(HttpMethod.Get, file);
            request.Headers.AcceptEncoding.ParseAdd("br");
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using var response = await client.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
            Assert.True(response.Headers.CacheControl is { MaxAge: { } age, NoCache: false } && age >= TimeSpan.FromDays(365), $"{file}: Cache-Control {response.Headers.CacheControl}");
            Assert.Contains("immutable", response.Headers.CacheControl!.Extensions.Select(e => e.Name));
            var wire = await response.Content.ReadAsByteArrayAsync();
            using var decoder = new StreamReader(new BrotliStream(new MemoryStream(wire), CompressionMode.Decompress));
            var body = await decoder.ReadToEndAsync();
            Assert.True(body.Length > wire.Length, $"{file}: {wire.Length} bytes compressed, {body.Length} plain");
        }
    }

    [Fact]
    public async Task A_file_asked_by_its_plain_name_is_revalidated_and_answered_not_modified_when_unchanged()
    {
        using var client = app.CreateStaffClient();
        using var first = await client.Http.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl?.NoCache, $"Cache-Control {first.Headers.CacheControl}");

        using var again = new HttpRequestMessage(HttpMethod.Get, "/css/site.css");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task A_client_that_accepts_no_compression_gets_the_plain_file()
    {
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync("/");
        var css = page.QuerySelector("link[rel=stylesheet][href^='/css/site.']")!.GetAttribute("href")!;
        using var response = await client.Http.GetAsync(css);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("/* CitizenVoice", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
