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
}
