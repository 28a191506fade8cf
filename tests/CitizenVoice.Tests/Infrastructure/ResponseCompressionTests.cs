using System.IO.Compression;
using System.Net;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>
/// Citizens often read on a phone over a slow mobile link: pages, styles and scripts travel compressed to every browser
/// that says it can read Brotli or gzip, and plain to a client that does not.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ResponseCompressionTests(CitizenVoiceApp app)
{
    [Theory]
    [InlineData("/", "br", "<!DOCTYPE html>")]
    [InlineData("/doi-thoai", "gzip", "<!DOCTYPE html>")]
    [InlineData("/css/site.css", "br", "/* CitizenVoice")]
    [InlineData("/lib/bootstrap/bootstrap.min.css", "br", "@charset")]
    [InlineData("/js/live-room.js", "gzip", "// The public live room")]
    [InlineData("/api/v1/fields", "br", "[")]
    public async Task Text_is_sent_compressed_to_a_browser_that_accepts_it(string url, string encoding, string startsWith)
    {
        using var client = app.CreateClientFrom(CitizenVoiceApp.NewClientAddress());
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var wire = await response.Content.ReadAsByteArrayAsync();
        using Stream decoder = encoding == "br"
            ? new BrotliStream(new MemoryStream(wire), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(wire), CompressionMode.Decompress);
        using var text = new StreamReader(decoder);
        var body = await text.ReadToEndAsync();
        Assert.StartsWith(startsWith, body.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.True(wire.Length < body.Length, $"{url}: {wire.Length} bytes compressed, {body.Length} characters plain");
    }

    [Fact]
    public async Task A_client_that_accepts_no_compression_gets_the_plain_page()
    {
        using var client = app.CreateClientFrom(CitizenVoiceApp.NewClientAddress());
        using var response = await client.GetAsync("/");
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("<!DOCTYPE html>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
