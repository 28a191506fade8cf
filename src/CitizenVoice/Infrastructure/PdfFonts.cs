using System.Reflection;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// Fonts for every PDF the app writes. PDFsharp finds no system fonts on Linux, so the app ships DejaVu Sans (full
/// Vietnamese coverage, a permissive licence: Fonts/LICENSE.txt) as embedded resources and resolves every family to it.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly Lock Gate = new();
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    // PDFsharp may ask for a face more than once; flattening takes a moment, so it is done once per process.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte[]?> Faces = new(StringComparer.Ordinal);

    /// <summary>Installs the resolver once per process (PDFsharp keeps it in a global); safe to call from every PDF writer.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not PdfFonts)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
            }
        }
    }

    public static XFont Regular(double size)
    {
        EnsureRegistered();
        return new XFont(Family, size, XFontStyleEx.Regular, Unicode);
    }

    public static XFont Bold(double size)
    {
        EnsureRegistered();
        return new XFont(Family, size, XFontStyleEx.Bold, Unicode);
    }

    /// <summary>DejaVu Sans slanted by PDFsharp (the app ships no italic face).</summary>
    public static XFont Italic(double size)
    {
        EnsureRegistered();
        return new XFont(Family, size, XFontStyleEx.Italic, Unicode);
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans", mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, Load);

    /// <summary>The shipped face with its composite glyphs flattened, so PDFsharp's subsets draw every Vietnamese letter.</summary>
    private static byte[]? Load(string faceName)
    {
        var assembly = Assembly.GetExecutingAssembly();
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith($".Fonts.{faceName}.ttf", StringComparison.Ordinal));
        if (name is null)
        {
            return null;
        }

        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return FlatCompositeGlyphs.Flatten(copy.ToArray());
    }
}

/// <summary>A top-to-bottom writer over A4 pages: wraps text at word boundaries and starts a new page when one is full.</summary>
public sealed class PdfFlow : IDisposable
{
    public const double Margin = 40;

    private readonly PdfDocument _document;
    private PdfPage _page = null!;

    public PdfFlow(PdfDocument document)
    {
        _document = document;
        NewPage();
    }

    public XGraphics Graphics { get; private set; } = null!;
    public double Y { get; set; }
    public double Width => _page.Width.Point - 2 * Margin;
    public double PageHeight => _page.Height.Point;

    public void NewPage()
    {
        Graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        Graphics = XGraphics.FromPdfPage(_page);
        Y = Margin;
    }

    public void EnsureSpace(double height)
    {
        if (Y + height > PageHeight - Margin)
        {
            NewPage();
        }
    }

    /// <summary>The lines <paramref name="text"/> takes at <paramref name="width"/>.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Graphics.MeasureString(candidate, font).Width > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Writes wrapped text at the left margin plus <paramref name="indent"/>, moving <see cref="Y"/> down.</summary>
    public void Paragraph(string text, XFont font, double indent = 0, double? width = null, XStringFormat? format = null)
    {
        var lineHeight = font.GetHeight() * 1.15;
        foreach (var line in Wrap(text, font, width ?? Width - indent))
        {
            EnsureSpace(lineHeight);
            var rect = new XRect(Margin + indent, Y, width ?? Width - indent, lineHeight);
            Graphics.DrawString(line, font, XBrushes.Black, rect, format ?? XStringFormats.TopLeft);
            Y += lineHeight;
        }
    }

    /// <summary>
    /// A ruled table across the width, columns sized by <paramref name="weights"/>; cells wrap, and a row that does
    /// not fit starts a new page.
    /// </summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<double> weights, XFont font, XFont bold,
        bool boldLast = false)
    {
        var total = weights.Sum();
        var widths = weights.Select(w => Width * w / total).ToArray();
        void Row(IReadOnlyList<string> cells, XFont rowFont)
        {
            var lineHeight = rowFont.GetHeight() * 1.15;
            var lines = cells.Select((c, i) => Wrap(c, rowFont, widths[i] - 6)).ToList();
            var height = Math.Max(1, lines.Max(l => l.Count)) * lineHeight + 6;
            EnsureSpace(height);
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                Graphics.DrawRectangle(new XPen(XColors.Gray, 0.5), x, Y, widths[i], height);
                var y = Y + 3;
                foreach (var line in lines[i])
                {
                    Graphics.DrawString(line, rowFont, XBrushes.Black, new XRect(x + 3, y, widths[i] - 6, lineHeight), XStringFormats.TopLeft);
                    y += lineHeight;
                }

                x += widths[i];
            }

            Y += height;
        }

        Row(headers, bold);
        var all = rows.ToList();
        for (var i = 0; i < all.Count; i++)
        {
            Row(all[i], boldLast && i == all.Count - 1 ? bold : font);
        }
    }

    public void Dispose() => Graphics?.Dispose();
}
