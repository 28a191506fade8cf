using System.Globalization;
using System.Text;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using PdfSharp.Drawing;

namespace CitizenVoice.Infrastructure;

/// <summary>
/// A table exactly as a results screen shows it, ready for CSV, XLSX or PDF. <paramref name="Slug"/> names it in the
/// CSV link whatever the language; <paramref name="Name"/> and <paramref name="Headers"/> are in the reader's language.
/// Cells are text, whole counts (int, long), percentages with one decimal (double) or a 95% <see cref="Interval"/>.
/// </summary>
public sealed record ExportTable(string Slug, string Name, string[] Headers, IReadOnlyList<object?[]> Rows);

/// <summary>A 95% interval in percentage points: one cell "83,4–91,2" in a PDF, two number columns in CSV and XLSX.</summary>
public sealed record Interval(double Low, double High);

/// <summary>
/// A table of figures as every download writes it — CSV, XLSX sheets or a PDF table — for the satisfaction results,
/// the feedback figures and any screen of counts, so a figure reads the same on the screen and in each file.
/// </summary>
public static class ExportTables
{
    private static readonly CultureInfo Vi = Localisation.Vietnamese;

    /// <summary>
    /// A table as data for a spreadsheet: every interval becomes two number columns (lower and upper bound), so the
    /// bounds can be computed with like any other figure.
    /// </summary>
    public static (string[] Headers, IReadOnlyList<object?[]> Rows) AsData(ExportTable table, Func<string, string> text)
    {
        var isInterval = table.Headers.Select(h => h == text("Khoảng tin cậy 95%")).ToArray();
        var headers = table.Headers.SelectMany((h, i) => isInterval[i] ? new[] { h + " – " + text("cận dưới (%)"), h + " – " + text("cận trên (%)") } : [h]).ToArray();
        var rows = table.Rows.Select(r => r.SelectMany((c, i) => isInterval[i] ? c is Interval ci ? new object?[] { ci.Low, ci.High } : new object?[] { null, null } : [c]).ToArray()).ToList();
        return (headers, rows);
    }

    /// <summary>
    /// The tables as the sheets of a workbook, one sheet each. Numbers stay numbers in the workbook, shown with one
    /// decimal (rates, bounds) or none (counts): the spreadsheet program then writes them with its reader's own decimal mark.
    /// </summary>
    public static async Task<MemoryStream> XlsxAsync(IReadOnlyList<ExportTable> tables, Func<string, string> text, CancellationToken ct)
    {
        var asData = tables.Select(t => (t.Name, Table: AsData(t, text))).ToList();
        var formats = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, (headers, rows)) in asData)
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < headers.Length; i++)
                {
                    if (row[i] is double or long or int)
                    {
                        formats.TryAdd(headers[i], row[i] is double ? "0.0" : "#,##0");
                    }
                }
            }
        }

        var sheets = asData.ToDictionary(t => t.Name, t => (object)t.Table.Rows.Select(r => t.Table.Headers.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList());
        var configuration = new OpenXmlConfiguration { DynamicColumns = [.. formats.Select(f => new DynamicExcelColumn(f.Key) { Format = f.Value })] };
        var buffer = new MemoryStream();
        await buffer.SaveAsAsync(sheets, configuration: configuration, cancellationToken: ct);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>
    /// One table as CSV in the reader's language, like the screen it comes from. A spreadsheet program opening the
    /// file reads numbers with its own language's decimal mark, so a Vietnamese file writes "87,8" and, because the
    /// comma is then the decimal mark, separates its columns with ";" (the list separator of a Vietnamese
    /// spreadsheet); an English file writes "87.8" and separates with ",". Numbers carry no thousands separator and
    /// no "%" (the header says the unit), so they are read as numbers, not text.
    /// </summary>
    public static string ToCsv(ExportTable table, CultureInfo culture, Func<string, string> text)
    {
        var separator = NumberText.IsVietnamese(culture) ? ';' : ',';
        string Cell(object? value) => value switch
        {
            null => "",
            double d => d.ToString("0.0", culture),
            IFormattable f => f.ToString(null, culture),
            var v => v.ToString() is { } s && s.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v.ToString() ?? "",
        };
        var (headers, rows) = AsData(table, text);
        var csv = new StringBuilder();
        csv.AppendJoin(separator, headers.Select(Cell)).Append("\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(separator, row.Select(Cell)).Append("\r\n");
        }

        return csv.ToString();
    }

    public static string Slug(string name) => TextFolding.Fold(name).ToLowerInvariant().Replace(' ', '-');

    /// <summary>A table of the screen drawn across the page, its rows wrapped and continued on the next page as needed.</summary>
    public static void DrawPdf(PdfFlow flow, ExportTable table)
    {
        var font = PdfFonts.Regular(8);
        var bold = PdfFonts.Bold(8);
        // The widest text column gets what the numbers leave.
        var textColumn = Array.FindIndex(table.Headers, h => h is "Đơn vị" or "Tiêu chí" or "Yếu tố" or "Lĩnh vực" or "Kênh tiếp nhận" or "Loại");
        var narrow = (flow.Width - (textColumn >= 0 ? 170 : 0)) / Math.Max(1, table.Headers.Length - (textColumn >= 0 ? 1 : 0));
        var widths = table.Headers.Select((_, i) => i == textColumn ? 170 + (flow.Width - 170 - narrow * (table.Headers.Length - 1)) : narrow).ToArray();
        void Row(IReadOnlyList<string> cells, XFont rowFont)
        {
            var lines = cells.Select((c, i) => flow.Wrap(c, rowFont, widths[i] - 4)).ToList();
            var height = Math.Max(1, lines.Max(l => l.Count)) * rowFont.GetHeight() * 1.15 + 4;
            flow.EnsureSpace(height);
            var x = PdfFlow.Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                flow.Graphics.DrawRectangle(new XPen(XColors.Gray, 0.4), x, flow.Y, widths[i], height);
                var y = flow.Y + 2;
                foreach (var line in lines[i])
                {
                    flow.Graphics.DrawString(line, rowFont, XBrushes.Black, new XRect(x + 2, y, widths[i] - 4, rowFont.GetHeight()), XStringFormats.TopLeft);
                    y += rowFont.GetHeight() * 1.15;
                }

                x += widths[i];
            }

            flow.Y += height;
        }

        Row(table.Headers, bold);
        foreach (var row in table.Rows)
        {
            Row([.. row.Select(c => c switch
            {
                null => "",
                double d => NumberText.Number(d, Vi),
                Interval i => NumberText.Interval(i.Low, i.High, Vi),
                int or long => NumberText.Count(Convert.ToInt64(c, Vi), Vi),
                IFormattable n => n.ToString(null, Vi),
                var v => v.ToString() ?? "",
            })], font);
        }
    }
}
