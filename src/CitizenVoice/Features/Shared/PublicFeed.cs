using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using CitizenVoice.Infrastructure;

namespace CitizenVoice.Features.Shared;

/// <summary>
/// An RSS feed a feature publishes. Features register one as a singleton; the layout advertises every registered feed
/// on every public page with <c>&lt;link rel="alternate" type="application/rss+xml"&gt;</c>, so feed readers and browsers
/// find them without a list kept by hand.
/// </summary>
public sealed record PublicFeed(int Order, string Title, string Path);

/// <summary>One entry of a feed: what a reader sees in their feed reader.</summary>
public sealed record FeedEntry(string Id, string Title, string Summary, string Path, DateTimeOffset Published);

public static class FeedResults
{
    /// <summary>
    /// Writes an RSS 2.0 document with absolute links from <c>Site:PublicUrl</c> (feed readers open entries outside the
    /// site). The items are
    /// newest first; callers take a bounded number.
    /// </summary>
    public static IResult Rss(SiteAddress site, string title, string description, string path, IEnumerable<FeedEntry> entries)
    {
        var items = entries.Select(e =>
        {
            var item = new SyndicationItem(e.Title, e.Summary, new Uri(site.Link(e.Path)), e.Id, e.Published)
            {
                PublishDate = e.Published,
            };
            return item;
        }).ToList();
        var feed = new SyndicationFeed(title, description, new Uri(site.Link(path)), items)
        {
            Language = "vi",
            LastUpdatedTime = items.Count == 0 ? DateTimeOffset.UtcNow : items.Max(i => i.PublishDate),
        };

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer);
        }

        return Results.Bytes(buffer.ToArray(), "application/rss+xml; charset=utf-8");
    }
}
