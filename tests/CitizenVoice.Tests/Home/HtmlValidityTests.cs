using System.Net;
using AngleSharp.Html.Parser;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Home;

/// <summary>
/// Every page the foundation serves answers with the status it should (a page that throws re-executes to the friendly
/// error page, which is itself valid HTML, so the status is what shows the failure) and is well-formed HTML5 (no
/// parse errors) with unique ids.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HtmlValidityTests(CitizenVoiceApp app)
{
    public static TheoryData<string, HttpStatusCode> PublicPages => new()
    {
        { "/", HttpStatusCode.OK }, { "/don-vi", HttpStatusCode.OK }, { "/don-vi?q=ngan%20son", HttpStatusCode.OK },
        { "/dang-nhap", HttpStatusCode.OK }, { "/khong-ton-tai", HttpStatusCode.NotFound },
    };

    public static TheoryData<string> StaffPages =>
    [
        "/quan-tri", "/quan-tri/don-vi", "/quan-tri/don-vi?showInactive=true", "/quan-tri/linh-vuc", "/quan-tri/linh-vuc/them",
        "/quan-tri/thu-tuc", "/quan-tri/thu-tuc/them", "/quan-tri/can-bo", "/quan-tri/can-bo/them", "/quan-tri/cai-dat",
        "/quan-tri/nhat-ky", "/tai-khoan", "/can-bo/don-vi/BK-NS", "/can-bo/don-vi/BK-NS-VT",
        "/quan-tri/doi-thoai/cam-ket", "/quan-tri/doi-thoai/tuan-thu?nam=2025&thang=3", "/quan-tri/tiep-cong-dan",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task A_public_page_is_valid_HTML5(string url, HttpStatusCode status)
    {
        using var client = app.CreateStaffClient();
        await AssertValidAsync(client, url, status);
    }

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task A_staff_page_is_valid_HTML5(string url)
    {
        using var client = app.CreateStaffClient();
        await client.SignInAsync("admin");
        await AssertValidAsync(client, url);
    }

    [Fact]
    public async Task The_unit_edit_and_merge_pages_are_valid_HTML5()
    {
        using var client = app.CreateStaffClient();
        await client.SignInAsync("admin");
        var id = await app.WithDbAsync(db => db.Units.Where(u => u.Code == "BK-NS-VT").Select(u => u.Id).SingleAsync());
        await AssertValidAsync(client, $"/quan-tri/don-vi/{id}/sua");
        await AssertValidAsync(client, $"/quan-tri/don-vi/{id}/sap-nhap");
        await AssertValidAsync(client, $"/quan-tri/don-vi/them?parentId={id}");
    }

    [Fact]
    public async Task The_checker_itself_catches_broken_markup()
    {
        var (errors, _) = await ParseAsync("<!DOCTYPE html><html lang=\"vi\"><head><title>x</title></head><body><h1>a</h1></div><p><b>b</p></body></html>");
        Assert.NotEmpty(errors);
    }

    [Fact]
    public async Task The_checker_itself_refuses_a_valid_page_that_answers_with_the_wrong_status()
    {
        // The friendly 404 page is valid HTML, as is the error page a throwing page re-executes to: only the
        // status tells them from the page that was asked for.
        using var client = app.CreateStaffClient();
        await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => AssertValidAsync(client, "/khong-ton-tai"));
    }

    private static async Task<(List<string> Errors, AngleSharp.Html.Dom.IHtmlDocument Document)> ParseAsync(string html)
    {
        var errors = new List<string>();
        var parser = new HtmlParser(new HtmlParserOptions { IsStrictMode = false });
        parser.Error += (_, e) => errors.Add(e is AngleSharp.Html.Dom.Events.HtmlErrorEvent error ? $"{error.Position.Line}:{error.Position.Column} {error.Message}" : e.ToString()!);
        var document = await parser.ParseDocumentAsync(html);
        return (errors, document);
    }

    private static async Task AssertValidAsync(StaffClient client, string url, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await client.Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{url} answered {(int)response.StatusCode}, not {(int)status}");
        var (errors, document) = await ParseAsync(html);

        Assert.True(errors.Count == 0, $"{url} has HTML errors:\n{string.Join('\n', errors)}");
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        var duplicateIds = document.QuerySelectorAll("[id]").GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicateIds.Count == 0, $"{url} repeats ids: {string.Join(", ", duplicateIds)}");
        Assert.NotNull(document.QuerySelector("h1"));
        Assert.False(string.IsNullOrWhiteSpace(document.Title));
    }
}
