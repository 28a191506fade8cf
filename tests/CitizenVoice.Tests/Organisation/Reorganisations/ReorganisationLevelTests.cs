using System.Globalization;
using System.Net;
using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Satisfaction;
using CitizenVoice.Features.Surveys.Rollups;
using CitizenVoice.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenVoice.Tests.Organisation;

/// <summary>District police abolished on a date in the past, as in 2025: on an app of its own (every district closes).</summary>
public sealed class ReorganisationLevelTests(CitizenVoiceApp app) : IClassFixture<CitizenVoiceApp>
{
    [Fact]
    public async Task Abolishing_the_districts_moves_their_communes_and_staff_to_the_province_and_figures_by_level_follow_the_levels_of_each_period()
    {
        using var admin = app.CreateStaffClient();
        await admin.SignInAsync("admin");
        var today = app.Today;
        var date = new DateOnly(today.Year, today.Month, 1).AddMonths(-6);
        var before = (From: date.AddMonths(-6), To: date.AddDays(-1));
        var after = (From: date, To: today);
        var levelsBefore = await ByLevelAsync(before.From, before.To);
        var levelsAfter = await ByLevelAsync(after.From, after.To);
        // The demo has responses at district police in both periods: those after the date were recorded before the change was entered.
        Assert.Contains(levelsAfter, l => l.Level == UnitLevel.District && l.Ratings > 0);
        var districts = await app.WithDbAsync(db => db.Units.Active().Where(u => u.Level == UnitLevel.District).Select(u => u.Code).ToListAsync());

        var preview = await ReorganisationUpload.UploadAsync(admin, "bai-bo-cap-huyen.csv", ReorganisationUpload.Csv(
            $"{date:yyyy-MM-dd},Bãi bỏ cấp,BK,,,,huyện,,,"));
        var page = await admin.GetPageAsync(preview);
        Assert.Contains($"Bãi bỏ: {districts.Count} đơn vị", page.QuerySelector("#tom-tat")!.TextContent, StringComparison.Ordinal);
        using (var applied = await admin.SubmitFormAsync(preview, []))
        {
            Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        }

        // Every commune is now directly under the province, and remembers its district until the date.
        var units = await app.WithDbAsync(db => db.Units.AsNoTracking().Include(u => u.ParentHistory).ToListAsync());
        var province = units.Single(u => u.Code == "BK");
        Assert.All(units.Where(u => u.Level == UnitLevel.District), d => Assert.Equal((province.Id, date), (d.SuccessorId!.Value, d.ValidTo!.Value)));
        Assert.All(units.Where(u => u.Level == UnitLevel.Commune && u.IsActive), c =>
        {
            Assert.Equal(province.Id, c.ParentId);
            Assert.Contains(c.ParentHistory, p => p.ValidTo == date && units.Single(u => u.Id == p.ParentId).Level == UnitLevel.District);
        });
        Assert.Equal(province.Id, await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "lanhdao.nganson").Select(u => u.UnitId).SingleAsync()));

        // Before the date: province, district and commune, as they were. After it: province and commune only, the
        // districts' own responses of that period counted at the province that took them over; nothing lost or added.
        Assert.Equal(levelsBefore, await ByLevelAsync(before.From, before.To));
        var now = await ByLevelAsync(after.From, after.To);
        Assert.DoesNotContain(now, l => l.Level == UnitLevel.District);
        Assert.Equal(Sum(levelsAfter, UnitLevel.Province).Ratings + Sum(levelsAfter, UnitLevel.District).Ratings, Sum(now, UnitLevel.Province).Ratings);
        Assert.Equal(Sum(levelsAfter, UnitLevel.Province).Satisfied + Sum(levelsAfter, UnitLevel.District).Satisfied, Sum(now, UnitLevel.Province).Satisfied);
        Assert.Equal(Sum(levelsAfter, UnitLevel.Commune), Sum(now, UnitLevel.Commune));
        Assert.Equal(levelsAfter.Sum(l => l.Ratings), now.Sum(l => l.Ratings));
        Assert.Equal(levelsAfter.Sum(l => l.Satisfied), now.Sum(l => l.Satisfied));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<RollupCheck>().RunAsync());
        }

        // A district's printed QR code opens the province's form.
        var field = await app.WithDbAsync(db => db.UnitFields.Where(f => db.Units.Any(u => u.Id == f.UnitId && u.Code == "BK-NS")).Join(db.Fields, s => s.FieldId, f => f.Id, (s, f) => f.Code).FirstAsync());
        using var survey = await admin.Http.GetAsync($"/khao-sat/BK-NS/{field}");
        Assert.Equal($"/khao-sat/BK/{field}", survey.Headers.Location!.OriginalString);
    }

    private static (long Ratings, long Satisfied) Sum(IReadOnlyList<(UnitLevel Level, long Ratings, long Satisfied)> levels, UnitLevel level) =>
        levels.Where(l => l.Level == level).Select(l => (l.Ratings, l.Satisfied)).SingleOrDefault();

    private async Task<IReadOnlyList<(UnitLevel Level, long Ratings, long Satisfied)>> ByLevelAsync(DateOnly from, DateOnly to)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SatisfactionReport>().ByLevelAsync(new SatisfactionFilter(null, true, null, null, null, null, from, to));
    }
}

/// <summary>Which level may stand under which, in a provincial deployment and in the Ministry's national one.</summary>
public sealed class ReorganisationLevelRuleTests
{
    [Theory]
    [InlineData(UnitLevel.Province, null, true)]
    [InlineData(UnitLevel.Province, UnitLevel.Ministry, true)]
    [InlineData(UnitLevel.Ministry, null, true)]
    [InlineData(UnitLevel.Ministry, UnitLevel.Province, false)]
    [InlineData(UnitLevel.Department, UnitLevel.Ministry, true)]
    [InlineData(UnitLevel.Commune, UnitLevel.Ministry, false)]
    [InlineData(UnitLevel.District, UnitLevel.Commune, false)]
    public void A_unit_stands_only_under_a_level_above_it(UnitLevel level, UnitLevel? parent, bool allowed) =>
        Assert.Equal(allowed, ReorganisationPlanner.MayStandUnder(level, parent));
}
