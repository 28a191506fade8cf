using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Features.Surveys;

namespace CitizenVoice.Tests.Surveys;

public sealed class AnswerCountsTests
{
    [Fact]
    public void Merging_adds_counts_question_by_question_and_keeps_them_ordered()
    {
        Assert.Equal("3:1=1;3:5=4;12:4=2", AnswerCounts.Merge("3:5=3;12:4=2", "3:1=1;3:5=1"));
    }

    [Fact]
    public void A_count_taken_back_to_zero_disappears_and_nothing_left_is_empty()
    {
        Assert.Equal("12:4=1", AnswerCounts.Merge("3:5=1;12:4=1", "3:5=-1"));
        Assert.Equal("", AnswerCounts.Merge("3:5=1", "3:5=-1"));
        Assert.Equal("7:2=5", AnswerCounts.Merge("", "7:2=5"));
    }

    [Fact]
    public void A_packed_text_reads_back_as_the_counts_that_were_added()
    {
        var counts = new AnswerCounts();
        counts.Add(40, 2, 1_000_000_000_000);
        counts.Add(9, 1, 3);
        counts.Add(9, 1, 2);

        Assert.Equal([(9, 1, 5L), (40, 2, 1_000_000_000_000L)], AnswerCounts.Parse(counts.ToString()).ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Counts_pack_ordered_by_question_then_value_and_subtracting_a_packed_text_takes_it_away(bool dense)
    {
        var counts = new AnswerCounts(dense);
        counts.Add(12, 5, 2);
        counts.Add(3, 4, 1);
        counts.Add(12, 1, 7);
        counts.Add(3, 0, 4);
        counts.Add("3:4=2;70000:2=1;3:-1=6;3:20=1");

        Assert.Equal("3:-1=6;3:0=4;3:4=3;3:20=1;12:1=7;12:5=2;70000:2=1", counts.ToString());
        counts.Subtract("3:4=3;12:1=7;3:-1=6");
        Assert.Equal("3:0=4;3:20=1;12:5=2;70000:2=1", counts.ToString());
        Assert.Equal(4, counts.Entries.Count());
        counts.Subtract("3:0=4;3:20=1;12:5=2;70000:2=1");
        Assert.True(counts.IsEmpty);
        Assert.Equal("", counts.ToString());
    }
}
