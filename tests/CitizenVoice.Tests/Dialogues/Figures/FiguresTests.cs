using CitizenVoice.Tests.Infrastructure;

namespace CitizenVoice.Tests.Dialogues;

[Collection(AppCollection.Name)]
public sealed class FiguresTests(CitizenVoiceApp app)
{
    [Fact]
    public async Task The_province_figures_for_2021_and_the_first_half_of_2022_match_the_article()
    {
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync("/doi-thoai/thong-ke?don-vi=BK&tu=2021-01-01&den=2022-06-30");
        int Figure(string name) => int.Parse(page.QuerySelector($"[data-figure={name}]")!.TextContent.Split('/')[0].Trim().Replace(".", ""), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(16, Figure("sessions"));
        Assert.Equal(1, Figure("online"));
        Assert.True(Figure("participants") > 1000 + 200);
        Assert.True(Figure("opinions") >= 196 + 35);
    }

    [Fact]
    public async Task A_districts_figures_count_only_its_own_sessions()
    {
        using var client = app.CreateStaffClient();
        var page = await client.GetPageAsync("/doi-thoai/thong-ke?don-vi=BK-BB&tu=2021-01-01&den=2022-06-30");
        Assert.Equal("2", page.QuerySelector("[data-figure=sessions]")!.TextContent.Trim());
        Assert.Equal("0", page.QuerySelector("[data-figure=online]")!.TextContent.Trim());
    }
}
