using Ganss.Xss;
using Markdig;

namespace CitizenVoice.Features.News;

/// <summary>
/// Turns an article's Markdown into the HTML readers see. Markdown may carry raw HTML, and an editor's account can be
/// stolen, so the result always goes through an allow-list sanitiser: only text structure (paragraphs, headings, lists,
/// tables, quotes, emphasis, links, images) survives. No script, no inline style (the Content Security Policy would
/// refuse it anyway, and the site's look stays the site's), no event handlers, no forms or frames; links only to web
/// and mail addresses; images only from the site itself (uploaded through the editor), so a published article never
/// makes readers' browsers fetch from elsewhere.
/// </summary>
public static class NewsMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "del", "s", "sub", "sup", "mark",
                "blockquote", "ul", "ol", "li", "code", "pre", "a", "img", "figure", "figcaption",
                "table", "thead", "tbody", "tr", "th", "td", "caption",
                // Harmless wrappers an editor pastes from a word processor: kept so their text is not lost (the
                // sanitiser drops a refused element with its content), stripped of every attribute but those above.
                "span", "div", "u", "small", "abbr", "cite", "q", "dl", "dt", "dd",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "alt", "title", "colspan", "rowspan", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        });
        sanitizer.FilterUrl += (_, e) =>
        {
            if (string.Equals(e.Tag.TagName, "img", StringComparison.OrdinalIgnoreCase) && !IsOnThisSite(e.OriginalUrl))
            {
                e.SanitizedUrl = null;
            }
        };
        // An image whose address was refused would be an empty box: it goes, with its alternative text kept as text.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "IMG" } image && string.IsNullOrEmpty(image.GetAttribute("src")))
            {
                var alt = image.GetAttribute("alt");
                if (!string.IsNullOrEmpty(alt))
                {
                    image.Parent?.InsertBefore(e.Document.CreateTextNode(alt), image);
                }

                image.Remove();
            }
        };
        return sanitizer;
    }

    /// <summary>A path of this site ("/tin-tuc/anh/3"): not "//elsewhere" (another host) and not a scheme.</summary>
    private static bool IsOnThisSite(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal);
}
