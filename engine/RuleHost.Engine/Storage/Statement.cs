using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RuleHost.Engine.Storage;

/// <summary>Statement is one SQL statement prepared once on the writer connection and run for row after row: values bound by position, nothing allocated per row.</summary>
/// <remarks>
/// The hot write paths (the outbox, the audit trail, alert state) use it instead of <see cref="SqliteCommand"/>, which binds
/// every parameter by name on every execution: measured with <c>perf</c> on <c>RuleHost.Benchmarks delivery</c>, that binding
/// alone was 9% of the host's CPU. Get one from <see cref="StateDatabase.Prepared"/> inside a write turn.
/// </remarks>
internal sealed class Statement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    public Statement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _stmt));
    }

    public Statement Bind(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_stmt, index) : raw.sqlite3_bind_text16(_stmt, index, value.AsSpan()));
        return this;
    }

    /// <summary>Bind binds UTF-8 text, such as JSON written straight to bytes; empty means NULL.</summary>
    public Statement Bind(int index, ReadOnlySpan<byte> utf8)
    {
        Check(utf8.IsEmpty ? raw.sqlite3_bind_null(_stmt, index) : raw.sqlite3_bind_text(_stmt, index, utf8));
        return this;
    }

    public Statement Bind(int index, long? value)
    {
        Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));
        return this;
    }

    public Statement Bind(int index, double? value)
    {
        Check(value is { } v ? raw.sqlite3_bind_double(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));
        return this;
    }

    /// <summary>Bind binds a value of one of the types a row holds: text, integer, real or null.</summary>
    public Statement Bind(int index, object? value) => value switch
    {
        null or DBNull => Bind(index, (string?)null),
        string s => Bind(index, s),
        long l => Bind(index, (long?)l),
        int i => Bind(index, (long?)i),
        double d => Bind(index, (double?)d),
        _ => throw new ArgumentException($"cannot bind a {value.GetType().Name}", nameof(value)),
    };

    /// <summary>Run executes the statement with the values bound, then readies it for the next row.</summary>
    public void Run()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE)
            throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc);
    }

    public void Dispose() => _stmt.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc);
    }
}
