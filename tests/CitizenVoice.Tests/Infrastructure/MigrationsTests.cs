using Microsoft.EntityFrameworkCore;

namespace CitizenVoice.Tests.Infrastructure;

public sealed class MigrationsTests(CitizenVoiceApp app) : IClassFixture<CitizenVoiceApp>
{
    [Fact]
    public async Task The_migrations_build_exactly_the_model_the_code_expects()
    {
        // A model change without its migration would leave a real database without the column the code writes.
        var pending = await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending, "The model has changes no migration carries: add a migration for both providers.");
        var applied = await app.WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());
        Assert.NotEmpty(applied);
        Assert.Empty(await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}
