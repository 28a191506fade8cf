using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CitizenVoice.Features.Dialogues;

/// <summary>Writes <see cref="Minutes"/> as a DOCX in the layout of an official document (Times New Roman 13, A4).</summary>
public static class MinutesDocx
{
    public static byte[] Write(Minutes minutes)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            main.Document = new Document(body);
            foreach (var block in minutes.Blocks)
            {
                body.Append(block switch
                {
                    MinutesParagraph p => Para(p.Text, p.Bold, p.Italic, p.Center, p.Size, p.SpaceBefore, p.Indent, p.BoldPrefix),
                    MinutesTable t => Table(t.Headers, t.Rows, t.BoldLast),
                    MinutesLetterhead h => Letterhead(h),
                    MinutesSignatures s => Signatures(s),
                    _ => throw new NotSupportedException(block.GetType().Name),
                });
            }

            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701, Right = 1134, Header = 709, Footer = 709, Gutter = 0 }));
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                new FontSize { Val = "26" }, new Languages { Val = "vi-VN" })),
            new ParagraphPropertiesDefault(new SpacingBetweenLines { After = "60", Line = "300", LineRule = LineSpacingRuleValues.Auto })));
        styles.Styles.Save();
    }

    private static Paragraph Para(
        string text, bool bold = false, bool italic = false, bool center = false, int? size = null, int spaceBefore = 0,
        bool indent = false, string? boldPrefix = null)
    {
        var properties = new ParagraphProperties();
        if (spaceBefore > 0)
        {
            properties.Append(new SpacingBetweenLines { Before = spaceBefore.ToString(CultureInfo.InvariantCulture) });
        }

        if (indent)
        {
            properties.Append(new Indentation { Left = "567" });
        }

        properties.Append(new Justification { Val = center ? JustificationValues.Center : JustificationValues.Both });
        var paragraph = new Paragraph(properties);
        if (boldPrefix is not null && text.StartsWith(boldPrefix, StringComparison.Ordinal))
        {
            paragraph.Append(Run(boldPrefix, true, italic, size));
            text = text[boldPrefix.Length..];
        }

        paragraph.Append(Run(text, bold, italic, size));
        return paragraph;
    }

    private static Run Run(string text, bool bold, bool italic, int? size)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        if (size is { } sz)
        {
            properties.Append(new FontSize { Val = sz.ToString(CultureInfo.InvariantCulture) });
        }

        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Table Table(string[] header, IReadOnlyList<string[]> rows, bool boldLast)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        table.Append(Row(header, bold: true));
        for (var i = 0; i < rows.Count; i++)
        {
            table.Append(Row(rows[i], bold: boldLast && i == rows.Count - 1));
        }

        return table;
    }

    private static TableRow Row(IEnumerable<string> cells, bool bold = false) =>
        new(cells.Select(c => new TableCell(Para(c, bold: bold))));

    private static Table Letterhead(MinutesLetterhead h)
    {
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        table.Append(new TableRow(
            new TableCell(Para(h.Agency, center: true, size: 24), Para(h.Unit, bold: true, center: true, size: 24)),
            new TableCell(Para(MinutesLetterhead.Nation, bold: true, center: true, size: 24),
                Para(MinutesLetterhead.Motto, bold: true, center: true),
                Para(h.DateLine, italic: true, center: true))));
        return table;
    }

    private static Table Signatures(MinutesSignatures s)
    {
        var table = new Table(new TableProperties(new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }));
        table.Append(new TableRow(
            new TableCell(Para(MinutesSignatures.SecretaryTitle, bold: true, center: true, spaceBefore: 240),
                Para(MinutesSignatures.SignHere, italic: true, center: true), Para(" ", spaceBefore: 960), Para(s.Secretary ?? "", bold: true, center: true)),
            new TableCell(Para(MinutesSignatures.ChairTitle, bold: true, center: true, spaceBefore: 240),
                Para(MinutesSignatures.SignHere, italic: true, center: true), Para(" ", spaceBefore: 960), Para(s.Chair, bold: true, center: true))));
        return table;
    }
}
