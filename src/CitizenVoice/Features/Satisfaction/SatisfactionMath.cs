namespace CitizenVoice.Features.Satisfaction;

/// <summary>A percentage with its 95% interval and the number of answers it rests on.</summary>
public sealed record Rate(double Value, double Low, double High, long N)
{
    /// <summary>
    /// A figure whose 95% interval reaches further than ±5 points from it is not reported as a result: it says
    /// "insufficient sample" and never takes part in a ranking.
    /// </summary>
    public const double MaxHalfWidth = 5.0;

    public bool IsSufficient => N > 0 && Math.Max(Value - Low, High - Value) <= MaxHalfWidth;
}

/// <summary>
/// The satisfaction arithmetic, kept free of storage so it can be checked against hand-computed
/// examples: a question's rate is satisfied ÷ valid answers; an element's index is the mean of its questions' rates;
/// the overall index is the mean of the element indices; every figure carries a 95% Wilson score interval.
/// </summary>
public static class SatisfactionMath
{
    private const double Z = 1.959963984540054;

    /// <summary>The Wilson score interval for <paramref name="successes"/> out of <paramref name="n"/>, in percent.</summary>
    public static (double Low, double High) Wilson(double successes, long n)
    {
        if (n <= 0)
        {
            return (0, 100);
        }

        var p = Math.Clamp(successes / n, 0, 1);
        var z2 = Z * Z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2.0 * n)) / denominator;
        var half = Z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return (Math.Max(0, centre - half) * 100, Math.Min(1, centre + half) * 100);
    }

    public static Rate RateOf(long satisfied, long valid)
    {
        if (valid <= 0)
        {
            return new Rate(0, 0, 100, 0);
        }

        var (low, high) = Wilson(satisfied, valid);
        return new Rate(100.0 * satisfied / valid, low, high, valid);
    }

    /// <summary>
    /// The mean of several rates (an element index, or the overall index). Its interval is the Wilson interval of
    /// the mean proportion over <paramref name="respondents"/> people: answers of one person are not independent, so
    /// counting people, not answers, keeps the interval honest (and wider).
    /// </summary>
    public static Rate MeanOf(IEnumerable<Rate> rates, long respondents)
    {
        var answered = rates.Where(r => r.N > 0).ToList();
        if (answered.Count == 0 || respondents <= 0)
        {
            return new Rate(0, 0, 100, 0);
        }

        var mean = answered.Average(r => r.Value);
        var (low, high) = Wilson(mean / 100 * respondents, respondents);
        return new Rate(mean, low, high, respondents);
    }

    /// <summary>
    /// Ranks by rate without pretending: a unit's rank is one more than the number of units that are better beyond
    /// doubt (their interval lies wholly above its own). Units whose intervals overlap share a rank; units with an
    /// insufficient sample get no rank at all.
    /// </summary>
    public static IReadOnlyList<(T Item, int? Rank)> Rank<T>(IEnumerable<T> items, Func<T, Rate> rateOf)
    {
        var list = items.ToList();
        var sufficient = list.Where(i => rateOf(i).IsSufficient).ToList();
        return list
            .Select(item =>
            {
                var rate = rateOf(item);
                int? rank = rate.IsSufficient ? 1 + sufficient.Count(other => rateOf(other).Low > rate.High) : null;
                return (item, rank);
            })
            .OrderBy(r => r.rank ?? int.MaxValue).ThenByDescending(r => rateOf(r.item).Value)
            .ToList();
    }
}
