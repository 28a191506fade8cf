using System.Globalization;

namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// The geometry of the results charts, drawn on the server as SVG: nothing to download, nothing that needs JavaScript,
/// and they print. Each chart is an image with a text alternative that reads out its figures; the same figures, with
/// their intervals and n, are in the table beside it. Coordinates are in the SVG's own units (a 320-wide view box,
/// about a phone's width, so its text keeps its size there) and written with a decimal point whatever the page's language.
/// </summary>
public static class ResultsCharts
{
    public const double Width = 320;

    /// <summary>Where a bar's 0 % starts and how long 100 % is: the code on the left, the figure on the right.</summary>
    public const double BarStart = 30, BarLength = 230, RowHeight = 28, BarHeight = 16, Top = 6;

    public sealed record Bar(string Code, string Name, Rate Rate, double Y, double Length, double LowX, double HighX);

    /// <summary>
    /// One horizontal bar per element, from 0: a bar's length is its figure, as in the PDF report (a cut axis would
    /// make a six-point difference look double), with the 95% interval as a gold whisker.
    /// </summary>
    public static IReadOnlyList<Bar> Bars(IEnumerable<(string Code, string Name, Rate Rate)> figures) =>
        [.. figures.Select((f, i) => new Bar(f.Code, f.Name, f.Rate, Top + i * RowHeight, Scale(f.Rate.Value),
            BarStart + Scale(f.Rate.Low), BarStart + Scale(f.Rate.High)))];

    public static double BarsHeight(int bars) => Top + bars * RowHeight + 18;

    private static double Scale(double percent) => Math.Clamp(percent, 0, 100) / 100 * BarLength;

    public sealed record Point(string Label, Rate Rate, double X, double Y, double LowY, double HighY, bool Labelled);

    /// <summary>The trend's plot area: the axis labels on the left and below.</summary>
    public const double PlotLeft = 40, PlotRight = 298, PlotTop = 8, PlotBottom = 160, TrendHeight = 182;

    /// <summary>
    /// A line through the months with the interval as a band. Unlike the bars, the axis may start above 0 (at the
    /// ten below the lowest interval bound) so that month-to-month change shows; its labels say where it starts.
    /// </summary>
    public static (IReadOnlyList<Point> Points, int AxisFrom) Trend(IReadOnlyList<(string Label, Rate Rate)> months)
    {
        var axisFrom = months.Count == 0 ? 0 : (int)Math.Max(0, Math.Floor(months.Min(m => m.Rate.Low) / 10) * 10);
        axisFrom = Math.Min(axisFrom, 90);
        double Y(double percent) => PlotBottom - (Math.Clamp(percent, axisFrom, 100) - axisFrom) / (100 - axisFrom) * (PlotBottom - PlotTop);
        var step = months.Count > 1 ? (PlotRight - PlotLeft) / (months.Count - 1) : 0;
        // About six month labels fit the width; the others are in each point's title and in the table.
        var every = Math.Max(1, (int)Math.Ceiling(months.Count / 6.0));
        return ([.. months.Select((m, i) => new Point(m.Label, m.Rate,
            months.Count > 1 ? PlotLeft + i * step : (PlotLeft + PlotRight) / 2, Y(m.Rate.Value), Y(m.Rate.Low), Y(m.Rate.High),
            i % every == 0 || i == months.Count - 1 && months.Count <= 6))], axisFrom);
    }

    public static double AxisY(int percent, int axisFrom) =>
        PlotBottom - (percent - axisFrom) / (100.0 - axisFrom) * (PlotBottom - PlotTop);

    /// <summary>An SVG coordinate: one decimal, always with a point.</summary>
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
