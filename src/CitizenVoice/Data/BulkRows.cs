using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace CitizenVoice.Data;

/// <summary>
/// Many rows into one table inside the caller's transaction, the fastest way each database takes them: on SQLite
/// one prepared statement stepped per row (with <c>onConflict</c>, an upsert: counts that add up); on PostgreSQL
/// binary COPY. Values are CLR values of the column's type.
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
            if (onConflict is not null)
            {
                throw new ArgumentException("On PostgreSQL rows to merge are written by their owner (the rollups' RollupStore), not copied.", nameof(onConflict));
            }

            var list = rows as IReadOnlyList<object?[]> ?? [.. rows];
            if (list.Count > 0)
            {
                await CopyAsync(npgsql, (NpgsqlTransaction?)transaction, table, columnList, list, ct);
            }

            return;
        }

        WriteSqlite((SqliteConnection)connection, $"INSERT INTO \"{table}\" ({columnList}) VALUES ({string.Join(", ", columns.Select(_ => "?"))})"
            + (onConflict is null ? "" : " ON CONFLICT " + onConflict), rows);
    }

    /// <summary>
    /// One prepared statement stepped once per row, its values bound by position through SQLite's own API. ADO.NET
    /// parameters are bound by name, and SQLite finds a name by walking the statement's list, so a statement with
    /// many parameters spends most of its time looking names up; this way a row costs little more than SQLite's insert.
    /// The connection's open transaction (BEGIN) covers these statements like any other.
    /// </summary>
    private static void WriteSqlite(SqliteConnection connection, string sql, IEnumerable<object?[]> rows)
    {
        var db = connection.Handle!;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    var rc = SqliteValue(row[i]) switch
                    {
                        long v => raw.sqlite3_bind_int64(statement, i + 1, v),
                        int v => raw.sqlite3_bind_int64(statement, i + 1, v),
                        string v => raw.sqlite3_bind_text(statement, i + 1, v),
                        double v => raw.sqlite3_bind_double(statement, i + 1, v),
                        byte[] v => raw.sqlite3_bind_blob(statement, i + 1, v),
                        DBNull => raw.sqlite3_bind_null(statement, i + 1),
                        var v => throw new ArgumentException($"No SQLite type for {v.GetType()}"),
                    };
                    SqliteException.ThrowExceptionForRC(rc, db);
                }

                var step = raw.sqlite3_step(statement);
                raw.sqlite3_reset(statement);
                if (step != raw.SQLITE_DONE)
                {
                    SqliteException.ThrowExceptionForRC(step, db);
                }
            }
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
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string table, string columnList, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({columnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.WriteRowAsync(ct, [.. row.Select(v => v switch { null => DBNull.Value, Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture), _ => v })]);
        }

        await importer.CompleteAsync(ct);
    }
}
