using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace CitizenVoice.Tests.Infrastructure;

/// <summary>
/// Drives the app through HTTP like a person with a browser would: reads a page, fills its form (with the
/// antiforgery token the page carries) and posts it.
/// </summary>
public sealed class StaffClient(HttpClient http) : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http => http;

    public async Task<IHtmlDocument> GetPageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}\n{html[..Math.Min(html.Length, 2000)]}");
        return await Parser.ParseDocumentAsync(html);
    }

    /// <summary>Opens <paramref name="pageUrl"/>, takes the form that posts to <paramref name="formAction"/> (or the first
    /// form in main), overrides its fields with <paramref name="fields"/>, and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? formAction = null)
    {
        var page = await GetPageAsync(pageUrl);
        var form = page.QuerySelectorAll("main form[method=post]").Concat(page.QuerySelectorAll("form[method=post]")).OfType<IHtmlFormElement>()
            .FirstOrDefault(f => formAction is null || (f.GetAttribute("action") ?? "").Contains(formAction, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form{(formAction is null ? "" : " posting to " + formAction)} on {pageUrl}");
        var values = new List<KeyValuePair<string, string>>();
        var overridden = fields.ToList();
        var names = overridden.Select(f => f.Key).ToHashSet();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || names.Contains(input.Name) || input.Type is "submit" or "file")
            {
                continue;
            }

            if (input.Type is "checkbox" or "radio")
            {
                if (input.IsChecked)
                {
                    values.Add(new(input.Name, input.Value));
                }
            }
            else
            {
                values.Add(new(input.Name, input.Value));
            }
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(s => !string.IsNullOrEmpty(s.Name) && !names.Contains(s.Name!)))
        {
            values.Add(new(select.Name!, select.Value ?? ""));
        }

        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>().Where(t => !string.IsNullOrEmpty(t.Name) && !names.Contains(t.Name!)))
        {
            values.Add(new(area.Name!, area.Value));
        }

        values.AddRange(overridden);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        using var content = new FormUrlEncodedContent(values);
        return await http.PostAsync(target, content);
    }

    public async Task SignInAsync(string userName, string password = CitizenVoiceApp.DemoPassword)
    {
        using var response = await SubmitFormAsync("/dang-nhap", [new("Input.UserName", userName), new("Input.Password", password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {userName} failed: {(int)response.StatusCode}");
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public void Dispose() => http.Dispose();
}
