using System.Text;
using CitizenVoice.Data;
using CitizenVoice.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Features.Dialogues;

/// <summary>The iCalendar feed (RFC 5545) of announced dialogues, for citizens' and officials' calendar apps.</summary>
public static class DialogueCalendar
{
    public static async Task<IResult> FeedAsync(AppDb db, TimeProvider clock, SiteAddress site, CancellationToken ct)
    {
        var sessions = await db.DialogueSessions.AsNoTracking().Where(s => s.Status != DialogueStatus.Draft)
            .OrderBy(s => s.StartsAt)
            .Select(s => new { s.Id, s.Title, s.Content, s.Venue, s.StartsAt, s.EndsAt, s.Status, HostName = s.HostUnit!.Name, s.AnnouncedAt })
            .ToListAsync(ct);
        var stamp = Format(clock.GetUtcNow().UtcDateTime);
        var ics = new StringBuilder();
        Line(ics, "BEGIN:VCALENDAR");
        Line(ics, "VERSION:2.0");
        Line(ics, "PRODID:-//CitizenVoice//Doi thoai//VI");
        Line(ics, "CALSCALE:GREGORIAN");
        Line(ics, "METHOD:PUBLISH");
        Line(ics, "X-WR-CALNAME:" + Escape("Lịch đối thoại với Nhân dân"));
        foreach (var s in sessions)
        {
            Line(ics, "BEGIN:VEVENT");
            Line(ics, $"UID:dialogue-{s.Id}@{site.Host}");
            Line(ics, "DTSTAMP:" + stamp);
            Line(ics, "DTSTART:" + Format(s.StartsAt));
            Line(ics, "DTEND:" + Format(s.EndsAt));
            Line(ics, "SUMMARY:" + Escape(s.Title));
            Line(ics, "DESCRIPTION:" + Escape($"{s.HostName}. {s.Content}"));
            if (!string.IsNullOrEmpty(s.Venue))
            {
                Line(ics, "LOCATION:" + Escape(s.Venue));
            }

            Line(ics, $"URL:{site.Link($"/doi-thoai/{s.Id}")}");
            Line(ics, "STATUS:CONFIRMED");
            Line(ics, "END:VEVENT");
        }

        Line(ics, "END:VCALENDAR");
        return TypedResults.Text(ics.ToString(), "text/calendar; charset=utf-8");
    }

    private static string Format(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Content lines are folded at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character.</summary>
    private static void Line(StringBuilder ics, string line)
    {
        var octets = 0;
        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(line);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > 75)
            {
                ics.Append("\r\n ");
                octets = 1;
            }

            ics.Append(element);
            octets += size;
        }

        ics.Append("\r\n");
    }
}
