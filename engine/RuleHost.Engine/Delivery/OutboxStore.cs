using System.Text.Json;
using Microsoft.Data.Sqlite;
using RuleHost.Engine.Storage;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>OutboxStore keeps the outbox and the audit trail in their own SQLite file (<c>data/outbox.db</c>): many rows per transaction, never one per notification.</summary>
/// <remarks>Rows are <c>pending</c> until delivered (then deleted) or dead-lettered (<c>dead</c>, kept). Times are unix milliseconds.</remarks>
internal sealed class OutboxStore : IDisposable
{
    public const string FileName = "outbox.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL, target TEXT NOT NULL, kind TEXT NOT NULL, fingerprint TEXT NOT NULL,
            alert TEXT NOT NULL, alerts TEXT, rule_template TEXT, body TEXT, content_type TEXT NOT NULL,
            render_problem TEXT, created INTEGER NOT NULL, next_attempt INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL, last_error TEXT);
        CREATE TABLE IF NOT EXISTS delivery_attempts (
            seq INTEGER PRIMARY KEY, notification_id TEXT NOT NULL, fingerprint TEXT NOT NULL, target TEXT NOT NULL,
            kind TEXT NOT NULL, attempt INTEGER NOT NULL, at INTEGER NOT NULL, latency_ms REAL, status_code INTEGER,
            error TEXT, outcome TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS delivery_attempts_fingerprint ON delivery_attempts(fingerprint);
        """;

    private const string InsertSql = """
        INSERT INTO outbox (seq, id, target, kind, fingerprint, alert, alerts, rule_template, body, content_type, render_problem, created, next_attempt, state)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, 'pending')
        """;

    private const string AuditSql = """
        INSERT INTO delivery_attempts (notification_id, fingerprint, target, kind, attempt, at, latency_ms, status_code, error, outcome)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
        """;

    private const string DeleteSql = "DELETE FROM outbox WHERE seq = ?1";

    private const string UpdateSql = "UPDATE outbox SET state = ?1, attempts = ?2, next_attempt = ?3, last_error = ?4 WHERE seq = ?5";

    private readonly StateDatabase _database;

    private readonly Utf8JsonBuffer _json = new();

    private long _lastSeq;

    public OutboxStore(StateDatabase database)
    {
        _database = database;
        _database.Execute(Schema);
        using var connection = _database.Open();
        using var last = connection.CreateCommand();
        last.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM outbox";
        _lastSeq = (long)last.ExecuteScalar()!;
    }

    /// <summary>Insert writes a batch of new notifications in one transaction; they are durable when it returns.</summary>
    /// <remarks>Only one caller inserts (the pipeline thread), so the sequence needs no lock. The alerts are written as JSON straight to UTF-8.</remarks>
    public void Insert(IReadOnlyList<Outgoing> batch) => _database.Write(_ =>
    {
        var insert = _database.Prepared(InsertSql);
        foreach (var item in batch)
        {
            item.Seq = ++_lastSeq;
            insert.Bind(1, item.Seq).Bind(2, item.Id).Bind(3, item.Target).Bind(4, item.Kind.ToString()).Bind(5, item.Alert.Fingerprint)
                .Bind(6, _json.Write(item.Alert, DeliveryJson.Options)).Bind(7, item.Alerts.Count == 0 ? [] : _json.Write(item.Alerts, DeliveryJson.Options))
                .Bind(8, item.RuleTemplate).Bind(9, item.Body).Bind(10, item.ContentType).Bind(11, item.RenderProblem)
                .Bind(12, item.CreatedAt.ToUnixTimeMilliseconds())
                .Run();
        }
    });

    /// <summary>Apply writes a batch of audit lines and row changes in one transaction.</summary>
    public void Apply(IReadOnlyList<OutboxChange> changes) => _database.Write(_ =>
    {
        foreach (var change in changes)
        {
            if (change.Record is { } r)
            {
                _database.Prepared(AuditSql).Bind(1, r.NotificationId).Bind(2, r.Fingerprint).Bind(3, r.Target).Bind(4, r.Kind.ToString()).Bind(5, r.Attempt)
                    .Bind(6, r.At.ToUnixTimeMilliseconds()).Bind(7, r.LatencyMs).Bind(8, r.StatusCode).Bind(9, r.Error).Bind(10, r.Outcome)
                    .Run();
            }

            switch (change.Row)
            {
                case OutboxRowChange.Delete:
                    _database.Prepared(DeleteSql).Bind(1, change.Seq).Run();
                    break;
                case OutboxRowChange.Dead or OutboxRowChange.Reschedule:
                    _database.Prepared(UpdateSql).Bind(1, change.Row == OutboxRowChange.Dead ? "dead" : "pending").Bind(2, change.Attempts)
                        .Bind(3, change.NextAttempt.ToUnixTimeMilliseconds()).Bind(4, change.Error).Bind(5, change.Seq)
                        .Run();
                    break;
            }
        }
    });

    /// <summary>Database is the outbox's own file, for <see cref="AuditRetention"/>.</summary>
    public StateDatabase Database => _database;

    public void Dispose() => _database.Dispose();

    /// <summary>LoadPending reads every undelivered notification, to resume them at start (after a restart or a kill).</summary>
    public List<(Outgoing Item, DateTimeOffset NextAttempt)> LoadPending()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, target, kind, alert, alerts, rule_template, body, content_type, render_problem, created, next_attempt, attempts, seq
            FROM outbox WHERE state = 'pending' ORDER BY next_attempt
            """;
        using var reader = command.ExecuteReader();
        var pending = new List<(Outgoing, DateTimeOffset)>();
        while (reader.Read())
            pending.Add((ReadOutgoing(reader), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10))));
        return pending;
    }

    private static Outgoing ReadOutgoing(SqliteDataReader r)
    {
        var alert = JsonSerializer.Deserialize<Alert>(r.GetString(3), DeliveryJson.Options)!;
        return new Outgoing(alert, r.GetString(1), Enum.Parse<NotificationKind>(r.GetString(2)), r.IsDBNull(5) ? null : r.GetString(5))
        {
            Id = r.GetString(0),
            Alerts = r.IsDBNull(4) ? [] : JsonSerializer.Deserialize<List<Alert>>(r.GetString(4), DeliveryJson.Options)!,
            Body = r.IsDBNull(6) ? null : r.GetString(6),
            ContentType = r.GetString(7),
            RenderProblem = r.IsDBNull(8) ? null : r.GetString(8),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
            Attempts = r.GetInt32(11),
            Seq = r.GetInt64(12),
        };
    }

    /// <summary>Attempts reads the audit trail, newest first, filtered by alert fingerprint, target and outcome.</summary>
    public List<AttemptRecord> Attempts(string? fingerprint, string? target, string? outcome, int limit)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT notification_id, fingerprint, target, kind, attempt, at, latency_ms, status_code, error, outcome FROM delivery_attempts
            WHERE ($fp IS NULL OR fingerprint = $fp) AND ($target IS NULL OR target = $target) AND ($outcome IS NULL OR outcome = $outcome)
            ORDER BY seq DESC LIMIT $limit
            """;
        Set(Parameters(command, "$fp", "$target", "$outcome", "$limit"), fingerprint, target, outcome, limit);
        using var r = command.ExecuteReader();
        var list = new List<AttemptRecord>();
        while (r.Read())
        {
            list.Add(new AttemptRecord(r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<NotificationKind>(r.GetString(3)), r.GetInt32(4),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), r.IsDBNull(6) ? null : r.GetDouble(6), r.IsDBNull(7) ? null : r.GetInt32(7),
                r.IsDBNull(8) ? null : r.GetString(8), r.GetString(9)));
        }

        return list;
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n }))];

    private static void Set(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
            parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
