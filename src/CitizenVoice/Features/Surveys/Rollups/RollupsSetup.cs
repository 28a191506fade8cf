using CitizenVoice.Data;
using CitizenVoice.Features.Organisation;

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// The survey rollups' services. What the rest of the app uses: <see cref="ResponseCounts"/> (add and remove a
/// response's counts), <see cref="RollupReader"/> (the rows for a set of units, a period and filters),
/// <see cref="RollupRebuild"/> and <see cref="RollupCheck"/>; unit moves arrive through <see cref="IUnitMoveListener"/>.
/// The fold runs by itself. docs/rollups.md describes the design.
/// </summary>
public static class RollupsSetup
{
    public static IServiceCollection AddRollups(this IServiceCollection services)
    {
        services.AddScoped<RollupReader>();
        services.AddScoped<RollupCheck>();
        services.AddScoped<RollupRebuild>();
        services.AddScoped<ISeeder, RollupRebuildOnUpgrade>();
        services.AddSingleton<PendingRollupFold>();
        services.AddHostedService(s => s.GetRequiredService<PendingRollupFold>());
        services.AddSingleton<IUnitMoveListener, RollupsFollowUnitMoves>();
        return services;
    }
}

/// <summary>A unit that moves takes its history in the subtree rollups with it (<see cref="RollupRebuild.MoveSubtreeAsync"/>).</summary>
internal sealed class RollupsFollowUnitMoves : IUnitMoveListener
{
    public Task UnitMovingAsync(AppDb db, string oldPath, string newPath, CancellationToken cancellationToken) =>
        RollupRebuild.MoveSubtreeAsync(db, oldPath, newPath, cancellationToken);
}
