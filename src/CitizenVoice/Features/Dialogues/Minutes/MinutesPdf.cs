using CitizenVoice.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CitizenVoice.Features.Dialogues;

/// <summary>Writes <see cref="Minutes"/> as an A4 PDF in DejaVu Sans (every Vietnamese letter), for filing and publishing.</summary>
public static class MinutesPdf
{
    private const double Body = 11;

    public static byte[] Write(Minutes minutes)
    {
        using var document = new PdfDocument();
        document.Info.Title = "Biên bản – " + minutes.Title;
        document.Info.Author = minutes.Agency;
        using (var flow = new PdfFlow(document))
        {
            foreach (var block in minutes.Blocks)
            {
                switch (block)
                {
                    case MinutesParagraph p:
                        Paragraph(flow, p);
                        break;
                    case MinutesTable t:
                        flow.Y += 4;
                        flow.Table(t.Headers, t.Rows, t.Weights, PdfFonts.Regular(9.5), PdfFonts.Bold(9.5), t.BoldLast);
                        flow.Y += 4;
                        break;
                    case MinutesLetterhead h:
                        Columns(flow,
                            [(h.Agency, PdfFonts.Regular(10)), (h.Unit, PdfFonts.Bold(10))],
                            [(MinutesLetterhead.Nation, PdfFonts.Bold(10)), (MinutesLetterhead.Motto, PdfFonts.Bold(10.5)), (h.DateLine, PdfFonts.Italic(10.5))]);
                        break;
                    case MinutesSignatures s:
                        flow.Y += 12;
                        flow.EnsureSpace(110);
                        Columns(flow,
                            [(MinutesSignatures.SecretaryTitle, PdfFonts.Bold(Body)), (MinutesSignatures.SignHere, PdfFonts.Italic(10)), ("", PdfFonts.Regular(40)), (s.Secretary ?? "", PdfFonts.Bold(Body))],
                            [(MinutesSignatures.ChairTitle, PdfFonts.Bold(Body)), (MinutesSignatures.SignHere, PdfFonts.Italic(10)), ("", PdfFonts.Regular(40)), (s.Chair, PdfFonts.Bold(Body))]);
                        break;
                    default:
                        throw new NotSupportedException(block.GetType().Name);
                }
            }
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Paragraph(PdfFlow flow, MinutesParagraph p)
    {
        // Word measures in half-points and twentieths of a point; the PDF keeps the proportions at a smaller body size.
        var size = p.Size is { } half ? half / 2.0 * Body / 13 : Body;
        var font = p.Bold ? PdfFonts.Bold(size) : p.Italic ? PdfFonts.Italic(size) : PdfFonts.Regular(size);
        var indent = p.Indent ? 28 : 0;
        flow.Y += p.SpaceBefore / 20.0 * 0.8 + 2;
        if (string.IsNullOrEmpty(p.Text))
        {
            return;
        }

        if (p.BoldPrefix is not { } prefix || !p.Text.StartsWith(prefix, StringComparison.Ordinal))
        {
            flow.Paragraph(p.Text, font, indent, format: p.Center ? XStringFormats.TopCenter : null);
            return;
        }

        // "Ý kiến 3 (…): text": the prefix in bold on the first line, the rest wrapped after it. The rest is upright:
        // PDFsharp slants italics by a transform, which sets them apart from the bold prefix for text extraction.
        var bold = PdfFonts.Bold(size);
        font = PdfFonts.Regular(size);
        var lineHeight = font.GetHeight() * 1.15;
        var prefixWidth = flow.Graphics.MeasureString(prefix, bold).Width;
        var width = flow.Width - indent;
        var rest = p.Text[prefix.Length..];
        var wrapped = flow.Wrap(rest, font, width - prefixWidth);
        var firstLine = wrapped.Count > 0 ? wrapped[0] : "";
        flow.EnsureSpace(lineHeight);
        flow.Graphics.DrawString(prefix, bold, XBrushes.Black, new XRect(PdfFlow.Margin + indent, flow.Y, prefixWidth, lineHeight), XStringFormats.TopLeft);
        // The rest starts after the prefix; a word that would not fit there moves the whole rest below.
        if (firstLine.Length > 0 && rest.TrimStart().StartsWith(firstLine, StringComparison.Ordinal))
        {
            var space = rest.StartsWith(' ') ? flow.Graphics.MeasureString(" ", font).Width : 0;
            flow.Graphics.DrawString(firstLine, font, XBrushes.Black,
                new XRect(PdfFlow.Margin + indent + prefixWidth + space, flow.Y, width - prefixWidth - space, lineHeight), XStringFormats.TopLeft);
            rest = rest.TrimStart()[firstLine.Length..];
        }

        flow.Y += lineHeight;
        if (rest.Trim().Length > 0)
        {
            flow.Paragraph(rest.Trim(), font, indent);
        }
    }

    /// <summary>Two centred columns side by side (letterhead, signatures); the flow continues below the longer one.</summary>
    private static void Columns(PdfFlow flow, (string Text, XFont Font)[] left, (string Text, XFont Font)[] right)
    {
        var top = flow.Y;
        var half = flow.Width / 2;
        var bottom = top;
        foreach (var (column, indent) in new[] { (left, 0.0), (right, half) })
        {
            flow.Y = top;
            foreach (var (text, font) in column)
            {
                if (text.Length == 0)
                {
                    flow.Y += font.GetHeight();
                    continue;
                }

                flow.Paragraph(text, font, indent, half, XStringFormats.TopCenter);
            }

            bottom = Math.Max(bottom, flow.Y);
        }

        flow.Y = bottom + 6;
    }
}
