using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace CitizenVoice.Data;

/// <summary>
/// Many rows into one table inside the caller's transaction, the fastest way each database takes them: on SQLite
/// prepared multi-row statements re-bound per 50 rows; on PostgreSQL binary COPY, or, when rows must be merged into existing rows
/// (<c>onConflict</c>, e.g. counts that add up), one INSERT over unnest()ed arrays, in the order given. Values are CLR
/// values of the column's type.
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
            var list = rows as IReadOnlyList<object?[]> ?? [.. rows];
            if (list.Count > 0)
            {
                await CopyAsync(npgsql, (NpgsqlTransaction?)transaction, table, columns, columnList, list, onConflict, ct);
            }

            return;
        }

        // Rows go RowsPerStatement at a time through one prepared multi-row statement, so the fixed cost of executing a
        // statement from .NET is paid once per 50 rows instead of once per row.
        DbCommand? full = null;
        var chunk = new List<object?[]>(RowsPerStatement);
        try
        {
            foreach (var row in rows)
            {
                chunk.Add(row);
                if (chunk.Count == RowsPerStatement)
                {
                    full ??= SqliteInsert(connection, transaction, table, columnList, columns.Length, RowsPerStatement, onConflict);
                    await ExecuteAsync(full, chunk, ct);
                    chunk.Clear();
                }
            }

            if (chunk.Count > 0)
            {
                await using var rest = SqliteInsert(connection, transaction, table, columnList, columns.Length, chunk.Count, onConflict);
                await ExecuteAsync(rest, chunk, ct);
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync();
            }
        }
    }

    private const int RowsPerStatement = 50;

    private static DbCommand SqliteInsert(DbConnection connection, DbTransaction? transaction, string table, string columnList, int columns, int rows, string? onConflict)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(0, columns).Select(c => $"@p{r * columns + c}")) + ")"));
        command.CommandText = $"INSERT INTO \"{table}\" ({columnList}) VALUES {values}" + (onConflict is null ? "" : " ON CONFLICT " + onConflict);
        for (var i = 0; i < rows * columns; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static Task<int> ExecuteAsync(DbCommand command, List<object?[]> rows, CancellationToken ct)
    {
        var i = 0;
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                command.Parameters[i++].Value = SqliteValue(value);
            }
        }

        return command.ExecuteNonQueryAsync(ct);
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
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, string[] columns, string columnList, IReadOnlyList<object?[]> rows,
        string? onConflict, CancellationToken ct)
    {
        if (onConflict is not null)
        {
            // Counts that add up: one statement over arrays (one per column), rows locked in the order given, so writers
            // that give them in one agreed order never deadlock. Such rows have no nulls.
            var arrays = columns.Select((_, c) =>
            {
                var values = Array.CreateInstance(rows[0][c]!.GetType(), rows.Count);
                for (var r = 0; r < rows.Count; r++)
                {
                    values.SetValue(rows[r][c], r);
                }

                return new NpgsqlParameter { ParameterName = "p" + c, Value = values };
            });
            var names = string.Join(", ", columns.Select((_, c) => "c" + c));
            await using var merge = new NpgsqlCommand(
                $"INSERT INTO \"{table}\" ({columnList}) SELECT {names} FROM unnest({string.Join(", ", columns.Select((_, c) => "@p" + c))}) "
                + $"WITH ORDINALITY AS u({names}, n) ORDER BY n ON CONFLICT {onConflict}",
                connection, transaction);
            merge.Parameters.AddRange(arrays.ToArray());
            await merge.ExecuteNonQueryAsync(ct);
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({columnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.WriteRowAsync(ct, [.. row.Select(v => v switch { null => DBNull.Value, Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture), _ => v })]);
        }

        await importer.CompleteAsync(ct);
    }
}
