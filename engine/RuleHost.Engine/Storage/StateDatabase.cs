using Microsoft.Data.Sqlite;

namespace RuleHost.Engine.Storage;

/// <summary>StateDatabase is the embedded SQLite file (<c>data/rulehost.db</c>) every SQLite store of the host shares.</summary>
/// <remarks>
/// WAL with synchronous=NORMAL: a committed transaction is in the WAL file before Commit returns, so it survives the
/// process being killed (kill -9); only an operating-system crash or power loss can take the last commits with it.
/// Each store creates its own tables (CREATE TABLE IF NOT EXISTS) when it is constructed.
/// </remarks>
internal sealed class StateDatabase
{
    public const string FileName = "rulehost.db";

    private readonly string _connectionString;

    public StateDatabase(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dataPath, FileName));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
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
