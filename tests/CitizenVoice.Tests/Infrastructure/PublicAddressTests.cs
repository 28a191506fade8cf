using System.Net;
using UglyToad.PdfPig;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>The app as deployed: its public address configured.</summary>
public sealed class PublicAddressApp : CitizenVoiceApp
{
    public const string PublicUrl = "https://doithoai.congan.backan.example";

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Site:PublicUrl", PublicUrl + "/")];
}

/// <summary>
/// Links printed on posters and sent in feeds leave the site and are trusted by citizens: they must carry the agency's
/// address, not whatever Host header a request claimed.
/// </summary>
public sealed class PublicAddressTests(PublicAddressApp app) : IClassFixture<PublicAddressApp>
{
    private const string Forged = "phishing.example";

    [Fact]
    public async Task The_calendar_feed_links_sessions_at_the_public_address_whatever_host_the_request_claims()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/doi-thoai/lich.ics");
        request.Headers.Host = Forged;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ics = (await response.Content.ReadAsStringAsync()).Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains($"URL:{PublicAddressApp.PublicUrl}/doi-thoai/", ics);
        Assert.Contains("@doithoai.congan.backan.example", ics);
        Assert.DoesNotContain(Forged, ics);
    }

    [Fact]
    public async Task The_survey_poster_prints_the_public_address_whatever_host_the_request_claims()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/khao-sat/BK-NS-VT/CU-TRU/ap-phich.pdf");
        request.Headers.Host = Forged;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value).Where(c => !string.IsNullOrWhiteSpace(c)));
        Assert.Contains("doithoai.congan.backan.example/khao-sat/BK-NS-VT/CU-TRU", text);
        Assert.DoesNotContain(Forged, text);
    }
}
