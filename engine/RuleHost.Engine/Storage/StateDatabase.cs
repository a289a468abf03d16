using Microsoft.Data.Sqlite;

namespace RuleHost.Engine.Storage;

/// <summary>StateDatabase is one embedded SQLite file: <c>data/rulehost.db</c> for alerts, tracks and silences, <c>data/outbox.db</c> for the outbox and audit trail.</summary>
/// <remarks>
/// WAL with synchronous=NORMAL: a committed transaction is in the WAL file before Commit returns, so it survives the
/// process being killed (kill -9); only an operating-system crash or power loss can take the last commits with it.
/// Each store creates its own tables (CREATE TABLE IF NOT EXISTS) when it is constructed. Two files rather than one
/// because SQLite writes one transaction at a time per file: the state writer and the delivery path each get their own.
/// Pages are 16 KiB (a new file's; an existing file keeps its own): SQLite writes a WAL frame per page with two system
/// calls, and with 4 KiB pages the delivery path made about 3 writes and 1 read per notification, with 16 KiB 1.2 and
/// 0.2 (<c>perf stat</c> of <c>RuleHost.Benchmarks delivery</c>, docs/benchmarks.md).
/// </remarks>
internal sealed class StateDatabase : IDisposable
{
    public const string FileName = "rulehost.db";

    private readonly string _connectionString;

    // One writer at a time: SQLite lets one transaction write, and a second connection would wait in the busy
    // handler (sleeps of 1–100 ms), not in a queue. The writer's connection is kept open for all of them.
    private readonly Lock _write = new();
    private SqliteConnection? _writer;
    private readonly Dictionary<string, Statement> _prepared = new(StringComparer.Ordinal);

    public StateDatabase(string dataPath, string fileName = FileName)
    {
        Directory.CreateDirectory(dataPath);
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataPath, fileName));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA page_size=16384; PRAGMA journal_mode=WAL;");
    }

    public string Path { get; }

    /// <summary>Open returns a new open connection (pooled) with the pragmas every connection needs.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;");
        return connection;
    }

    /// <summary>Write runs <paramref name="work"/> in one write transaction and commits it; writers of every store take turns here.</summary>
    public void Write(Action<SqliteConnection> work)
    {
        lock (_write)
        {
            _writer ??= OpenWriter();
            using var transaction = _writer.BeginTransaction();
            work(_writer);
            transaction.Commit();
        }
    }

    /// <summary>Prepared returns <paramref name="sql"/> prepared on the writer connection, once for the life of the connection; call it only inside <see cref="Write"/>.</summary>
    public Statement Prepared(string sql)
    {
        if (!_write.IsHeldByCurrentThread || _writer is null)
            throw new InvalidOperationException("Prepared is for the work of a write turn");
        if (!_prepared.TryGetValue(sql, out var statement))
            _prepared[sql] = statement = new Statement(_writer, sql);
        return statement;
    }

    /// <summary>OpenWriter opens the kept-open write connection with a page cache of up to 32 MiB (SQLite's default is 2 MiB).</summary>
    /// <remarks>
    /// Alerts, tracks and their indexes are keyed by fingerprint, so a batch of changes touches pages all over the file;
    /// with the default cache most of them were read back from the file each time (4.5 reads a notification in
    /// bench/compare-alertmanager.sh, measured with perf stat).
    /// </remarks>
    private SqliteConnection OpenWriter()
    {
        var connection = Open();
        Execute(connection, "PRAGMA cache_size=-32768;");
        return connection;
    }

    public void Dispose()
    {
        lock (_write)
        {
            foreach (var statement in _prepared.Values)
                statement.Dispose();
            _prepared.Clear();
            _writer?.Dispose();
            _writer = null;
        }
    }

    /// <summary>Execute runs SQL that returns nothing, such as a store's schema.</summary>
    public void Execute(string sql)
    {
        using var connection = Open();
        Execute(connection, sql);
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
