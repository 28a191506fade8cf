using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CitizenVoice.Features.Surveys.Rollups;

/// <summary>
/// SQLite: the count of changes to the <see cref="RollupRow"/>s, kept in the database header's user version
/// (<c>PRAGMA user_version</c>, a number SQLite leaves to the application, written atomically with the transaction), so
/// it needs no table. The fold reads rows outside the write lock (<see cref="PendingRollupFold"/>); whoever changes
/// them advances the epoch in the same transaction, and a fold that finds it moved reads again. PostgreSQL locks rows
/// instead and needs no epoch.
/// </summary>
internal static class RollupEpoch
{
    public static async Task<long> ReadAsync(SqliteConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)transaction;
        command.CommandText = "PRAGMA user_version";
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Advances the epoch in <paramref name="transaction"/>, which changes rollup rows.</summary>
    public static async Task AdvanceAsync(SqliteConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        var next = (await ReadAsync(connection, transaction, ct) + 1) % int.MaxValue;
        await using var command = connection.CreateCommand();
        command.Transaction = (SqliteTransaction?)transaction;
        command.CommandText = $"PRAGMA user_version = {next}";
        await command.ExecuteNonQueryAsync(ct);
    }
}
