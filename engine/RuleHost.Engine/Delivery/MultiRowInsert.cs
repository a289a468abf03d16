using Microsoft.Data.Sqlite;

namespace RuleHost.Engine.Delivery;

/// <summary>MultiRowInsert writes rows 32 to a statement (<c>VALUES (…),(…)</c>): far fewer statement executions than one per row.</summary>
internal static class MultiRowInsert
{
    /// <summary>RowsPerStatement: Microsoft.Data.Sqlite binds each parameter by name (a linear search in SQLite), so very wide statements get slower again.</summary>
    internal static int RowsPerStatement { get; set; } = 32;

    /// <summary>Run inserts <paramref name="rows"/> with <paramref name="head"/> (<c>INSERT INTO t (a, b) VALUES </c>) on an open transaction.</summary>
    public static void Run(SqliteConnection connection, string head, int columns, IReadOnlyList<object?[]> rows)
    {
        SqliteCommand? full = null;
        SqliteParameter[] fullParameters = [];
        try
        {
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                if (count == RowsPerStatement)
                {
                    full ??= Build(connection, head, columns, count, out fullParameters);
                    Execute(full, fullParameters, rows, start, count, columns);
                    continue;
                }

                using var rest = Build(connection, head, columns, count, out var parameters);
                Execute(rest, parameters, rows, start, count, columns);
            }
        }
        finally
        {
            full?.Dispose();
        }
    }

    private static void Execute(SqliteCommand command, SqliteParameter[] parameters, IReadOnlyList<object?[]> rows, int start, int count, int columns)
    {
        for (var r = 0; r < count; r++)
        {
            var row = rows[start + r];
            for (var c = 0; c < columns; c++)
                parameters[(r * columns) + c].Value = row[c] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static SqliteCommand Build(SqliteConnection connection, string head, int columns, int count, out SqliteParameter[] parameters)
    {
        var command = connection.CreateCommand();
        var text = new System.Text.StringBuilder(head);
        parameters = new SqliteParameter[count * columns];
        for (var r = 0; r < count; r++)
        {
            text.Append(r == 0 ? "(" : ",(");
            for (var c = 0; c < columns; c++)
            {
                var name = $"$p{(r * columns) + c}";
                text.Append(c == 0 ? name : "," + name);
                parameters[(r * columns) + c] = command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        return command;
    }
}
