using Microsoft.Data.Sqlite;

namespace RuleHost.Engine.Storage;

/// <summary>BulkInsert writes many rows with one prepared single-row statement, inside the caller's transaction.</summary>
/// <remarks>
/// Measured (<c>RuleHost.Benchmarks delivery-parts</c>): one row a statement beats multi-row <c>VALUES (…),(…)</c>
/// statements, because Microsoft.Data.Sqlite binds every parameter by name and SQLite finds a name by a linear search.
/// </remarks>
internal static class BulkInsert
{
    /// <summary>Run inserts <paramref name="rows"/> into <paramref name="table"/>'s <paramref name="columns"/>.</summary>
    public static void Run(SqliteConnection connection, string table, string[] columns, IReadOnlyList<object?[]> rows)
    {
        if (rows.Count == 0)
            return;
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = $"$p{i}" })).ToArray();
        foreach (var row in rows)
        {
            for (var c = 0; c < parameters.Length; c++)
                parameters[c].Value = row[c] ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }
}
