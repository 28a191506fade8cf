using CitizenVoice.Features.Organisation;
using CitizenVoice.Features.Surveys.Rollups;

namespace CitizenVoice.Tests.Surveys.Rollups;

public sealed class RollupScopeTests
{
    [Fact]
    public void Scopes_keep_the_numbers_stored_in_existing_rollup_rows()
    {
        // Stored rows carry these numbers: renumbering a scope would make every figure read the wrong rows. (The
        // ministry level came later and took the next number, 15 and 25, so none before it moved.)
        Assert.Equal(
            [0, 1, 2, 3, 4, 11, 12, 13, 14, 15, 21, 22, 23, 24, 25],
            Enum.GetValues<RollupScope>().Select(s => (int)s).Order());
        Assert.Equal(RollupScope.CommunesBelow, RollupScopes.Below(UnitLevel.Commune));
        Assert.Equal(RollupScope.DistrictsBelowByDay, RollupScopes.BelowByDay(UnitLevel.District));
        Assert.Equal(UnitLevel.Commune, RollupScopes.LevelOf(RollupScope.CommunesBelowByDay));
    }

    [Fact]
    public void A_row_by_day_says_so_and_a_row_by_month_says_so()
    {
        Assert.Equal(RollupGranularity.Day, new RollupRow { Scope = RollupScope.SubtreeByDay }.Granularity);
        Assert.Equal(RollupGranularity.Day, new RollupRow { Scope = RollupScope.ProvincesBelowByDay }.Granularity);
        Assert.Equal(RollupGranularity.Month, new RollupRow { Scope = RollupScope.ProcedureSubtree }.Granularity);
        Assert.Equal(RollupGranularity.Month, new RollupRow { Scope = RollupScope.DepartmentsBelow }.Granularity);
    }
}
