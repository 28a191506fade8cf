using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace CitizenVoice.Data;

/// <summary>
/// Many rows into one table inside the caller's transaction, the fastest way each database takes them: on SQLite one
/// prepared statement re-bound per row; on PostgreSQL binary COPY, through a temporary table when rows must be merged
/// into existing rows (<c>onConflict</c>, e.g. counts that add up). Values are CLR values of the column's type.
/// </summary>
public static class BulkRows
{
    public static async Task WriteAsync(
        DbConnection connection, DbTransaction? transaction, string table, string[] columns, IEnumerable<object?[]> rows,
        string? onConflict = null, CancellationToken ct = default)
    {
        var columnList = string.Join(", ", columns.Select(c => $"\"{c}\""));
        if (connection is NpgsqlConnection npgsql)
        {
            await CopyAsync(npgsql, (NpgsqlTransaction?)transaction, table, columns, columnList, rows, onConflict, ct);
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({columnList}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})"
            + (onConflict is null ? "" : " ON CONFLICT " + onConflict);
        var parameters = columns.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[c].Value = SqliteValue(row[c]);
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The text and numbers EF Core's SQLite provider stores for these CLR types, so EF reads the rows back.</summary>
    public static object SqliteValue(object? value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        Guid g => g.ToString().ToUpperInvariant(),
        bool b => b ? 1 : 0,
        Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture),
        null => DBNull.Value,
        var v => v,
    };

    private static async Task CopyAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, string[] columns, string columnList, IEnumerable<object?[]> rows,
        string? onConflict, CancellationToken ct)
    {
        var target = $"\"{table}\"";
        if (onConflict is not null)
        {
            target = "bulk_" + table.ToLowerInvariant();
            await using var create = new NpgsqlCommand($"CREATE TEMP TABLE IF NOT EXISTS {target} (LIKE \"{table}\") ON COMMIT DELETE ROWS", connection, transaction);
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {target} ({columnList}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await importer.WriteRowAsync(ct, [.. row.Select(v => v switch { null => DBNull.Value, Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture), _ => v })]);
            }

            await importer.CompleteAsync(ct);
        }

        if (onConflict is not null)
        {
            // Rows go in key order, so two writers merging into the same rows lock them in the same order and never deadlock.
            var order = string.Join(", ", Enumerable.Range(1, columns.Length));
            await using var merge = new NpgsqlCommand(
                $"INSERT INTO \"{table}\" ({columnList}) SELECT {columnList} FROM {target} ORDER BY {order} ON CONFLICT {onConflict}; TRUNCATE {target}", connection, transaction);
            await merge.ExecuteNonQueryAsync(ct);
        }
    }
}
