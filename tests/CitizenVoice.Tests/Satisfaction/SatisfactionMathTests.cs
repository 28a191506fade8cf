using CitizenVoice.Features.Satisfaction;

namespace CitizenVoice.Tests.Satisfaction;

public sealed class SatisfactionMathTests
{
    // Reference values: Wilson score interval, z = 1.96 (Newcombe 1998, table I; and by hand).
    [Theory]
    [InlineData(0, 10, 0.0, 27.75)]
    [InlineData(10, 10, 72.25, 100.0)]
    [InlineData(5, 10, 23.66, 76.34)]
    [InlineData(81, 263, 25.46, 36.57)]
    [InlineData(15, 148, 6.24, 16.04)]
    public void The_Wilson_interval_matches_hand_computed_values(int successes, int n, double low, double high)
    {
        var (l, h) = SatisfactionMath.Wilson(successes, n);
        Assert.Equal(low, l, 1);
        Assert.Equal(high, h, 1);
    }

    [Fact]
    public void A_question_rate_counts_satisfied_answers_over_valid_answers()
    {
        // 412 valid answers (non-answers are not rows at all), of which 377 are Hài lòng or Rất hài lòng.
        var rate = SatisfactionMath.RateOf(377, 412);
        Assert.Equal(91.50, rate.Value, 2);
        Assert.Equal(412, rate.N);
        Assert.True(rate.Low < 91.5 && rate.High > 91.5);
        Assert.True(rate.IsSufficient);
    }

    [Fact]
    public void Everyone_satisfied_in_a_small_sample_is_not_reported_as_100_percent_for_sure()
    {
        var rate = SatisfactionMath.RateOf(20, 20);
        Assert.Equal(100, rate.Value);
        Assert.Equal(83.89, rate.Low, 1);
        Assert.False(rate.IsSufficient);
    }

    [Fact]
    public void No_answers_give_no_figure()
    {
        var rate = SatisfactionMath.RateOf(0, 0);
        Assert.Equal(0, rate.N);
        Assert.False(rate.IsSufficient);
        Assert.Equal(0, SatisfactionMath.MeanOf([], 0).N);
    }

    [Fact]
    public void About_385_answers_are_needed_for_plus_or_minus_5_points_at_50_percent()
    {
        Assert.False(SatisfactionMath.RateOf(190, 380).IsSufficient);
        Assert.True(SatisfactionMath.RateOf(193, 386).IsSufficient);
    }

    [Fact]
    public void An_index_is_the_mean_of_the_rates_and_ignores_questions_nobody_answered()
    {
        var e1 = SatisfactionMath.MeanOf([SatisfactionMath.RateOf(90, 100), SatisfactionMath.RateOf(80, 100), SatisfactionMath.RateOf(0, 0)], 100);
        var e2 = SatisfactionMath.MeanOf([SatisfactionMath.RateOf(60, 100)], 100);
        Assert.Equal(85, e1.Value, 6);
        Assert.Equal(72.5, SatisfactionMath.MeanOf([e1, e2], 100).Value, 6);
    }

    [Fact]
    public void The_three_level_and_like_dislike_scales_give_rates_the_same_way()
    {
        // 3 levels: Chưa hài lòng 12, Hài lòng 50, Rất hài lòng 38 → (50 + 38) / 100.
        Assert.Equal(88, SatisfactionMath.RateOf(50 + 38, 12 + 50 + 38).Value, 6);
        // Like / dislike: 45 likes of 60.
        Assert.Equal(75, SatisfactionMath.RateOf(45, 60).Value, 6);
    }

    [Fact]
    public void Units_whose_intervals_overlap_share_a_rank_and_small_samples_are_not_ranked()
    {
        var units = new Dictionary<string, Rate>
        {
            ["A"] = SatisfactionMath.RateOf(980, 1000), // 98.0 [96.9, 98.7]
            ["B"] = SatisfactionMath.RateOf(970, 1000), // 97.0 [95.8, 97.9]: overlaps A
            ["C"] = SatisfactionMath.RateOf(800, 1000), // 80.0: clearly below A and B
            ["D"] = SatisfactionMath.RateOf(10, 10),    // 100 but only 10 answers
        };

        var ranked = SatisfactionMath.Rank(units, u => u.Value).ToDictionary(r => r.Item.Key, r => r.Rank);

        Assert.Equal(1, ranked["A"]);
        Assert.Equal(1, ranked["B"]);
        Assert.Equal(3, ranked["C"]);
        Assert.Null(ranked["D"]);
    }
}
