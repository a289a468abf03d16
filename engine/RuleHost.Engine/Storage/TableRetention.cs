using Microsoft.Data.Sqlite;

namespace RuleHost.Engine.Storage;

/// <summary>TableRetention deletes a table's rows once they are older than a retention period, one small batch per write turn.</summary>
/// <remarks>
/// Where the old prefix ends (<see cref="RetainedTable"/>) and each batch's key range are read on a read connection,
/// outside the write lock; each write turn then deletes one key range of at most <see cref="BatchSize"/> rows. So the
/// store's own writers wait at most one batch (milliseconds), and they get their turn between batches. Rows the table
/// keeps (<see cref="RetainedTable.Prunable"/>) are stepped over, not read again by the next batch.
/// </remarks>
internal sealed class TableRetention(StateDatabase database, RetainedTable table, TimeSpan retention, int batchSize = TableRetention.BatchSize)
{
    public const int BatchSize = 5000;

    public RetainedTable Table => table;

    public TimeSpan Retention => retention;

    /// <summary>Prune deletes the prunable rows older than <paramref name="now"/> minus the retention and returns how many went.</summary>
    public long Prune(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // In milliseconds: a retention longer than the clock's age is a cutoff before every row, not an overflow.
        var cutoff = now.ToUnixTimeMilliseconds() - (retention.Ticks / TimeSpan.TicksPerMillisecond);
        using var reader = database.Open();
        var end = End(reader, cutoff);
        long pruned = 0;
        for (var after = long.MinValue; LastOfBatch(reader, after, end) is { } last; after = last)
        {
            cancellationToken.ThrowIfCancellationRequested();
            database.Write(connection => pruned += Delete(connection, after, last, cutoff));
        }

        return pruned;
    }

    /// <summary>End is the key of the first row at or after the cutoff, or one past the last key when every row is older.</summary>
    private long End(SqliteConnection connection, long cutoff) => Scalar(connection, $"""
        SELECT COALESCE(
            (SELECT {table.Key} FROM {table.Name} WHERE {table.Time} >= $cutoff ORDER BY {table.Key} LIMIT 1),
            (SELECT MAX({table.Key}) + 1 FROM {table.Name}),
            0)
        """, ("$cutoff", cutoff)) ?? 0;

    /// <summary>LastOfBatch is the key that ends the next batch (at most the batch size of keys after <paramref name="after"/>), or null when none is left.</summary>
    private long? LastOfBatch(SqliteConnection connection, long after, long end) => Scalar(connection, $"""
        SELECT MAX({table.Key}) FROM
            (SELECT {table.Key} FROM {table.Name} WHERE {table.Key} > $after AND {table.Key} < $end ORDER BY {table.Key} LIMIT $batch)
        """, ("$after", after), ("$end", end), ("$batch", batchSize));

    private int Delete(SqliteConnection connection, long after, long last, long cutoff)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {table.Name} WHERE {table.Key} > $after AND {table.Key} <= $last AND ({table.Prunable})";
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$last", last);
        command.Parameters.AddWithValue("$cutoff", cutoff);
        return command.ExecuteNonQuery();
    }

    private static long? Scalar(SqliteConnection connection, string sql, params (string Name, long Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command.ExecuteScalar() is long result ? result : null;
    }
}
