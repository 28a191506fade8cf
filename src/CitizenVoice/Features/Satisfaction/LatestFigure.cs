namespace CitizenVoice.Features.Satisfaction;

/// <summary>
/// The agency's headline for its front page: the whole province's satisfaction index over the most recent period that
/// has enough responses to be reported (an interval within ±5 points, <see cref="Rate.IsSufficient"/>). Periods are
/// whole months ending with the last complete month, so the figure does not drift day by day and matches the results
/// page opened for the same days: the last month, else the last quarter, else the last twelve months.
/// </summary>
public sealed record LatestFigure(Rate Index, long Responses, DateOnly From, DateOnly To)
{
    private static readonly int[] PeriodMonths = [1, 3, 12];

    /// <summary>The results page showing the same figure, with its elements, units and method.</summary>
    public string ResultsPath => $"/ket-qua-khao-sat{new DashboardQuery { From = From, To = To }.ToQueryString()}";

    /// <summary>Null when not even the last twelve months have enough responses: nothing is better than a figure that misleads.</summary>
    public static async Task<LatestFigure?> FindAsync(SatisfactionReport report, DateOnly today, CancellationToken ct)
    {
        var to = new DateOnly(today.Year, today.Month, 1).AddDays(-1);
        foreach (var months in PeriodMonths)
        {
            var from = new DateOnly(to.Year, to.Month, 1).AddMonths(1 - months);
            var figures = await report.FiguresAsync(new SatisfactionFilter(null, true, null, null, null, null, from, to), ct);
            if (figures.Index.IsSufficient)
            {
                return new LatestFigure(figures.Index, figures.Responses, from, to);
            }
        }

        return null;
    }
}
