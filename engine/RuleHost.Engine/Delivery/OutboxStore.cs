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

    private static readonly string[] OutboxColumns =
        ["seq", "id", "target", "kind", "fingerprint", "alert", "alerts", "rule_template", "body", "content_type", "render_problem", "created", "next_attempt", "attempts", "state"];

    private static readonly string[] AttemptColumns = ["notification_id", "fingerprint", "target", "kind", "attempt", "at", "latency_ms", "status_code", "error", "outcome"];

    private readonly StateDatabase _database;

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
    /// <remarks>Only one caller inserts (the pipeline thread), so the sequence needs no lock; the rows are made before the write turn.</remarks>
    public void Insert(IReadOnlyList<Outgoing> batch)
    {
        var rows = new List<object?[]>(batch.Count);
        foreach (var item in batch)
        {
            item.Seq = ++_lastSeq;
            var created = item.CreatedAt.ToUnixTimeMilliseconds();
            rows.Add([item.Seq, item.Id, item.Target, item.Kind.ToString(), item.Alert.Fingerprint, JsonSerializer.Serialize(item.Alert, DeliveryJson.Options),
                item.Alerts.Count == 0 ? null : JsonSerializer.Serialize(item.Alerts, DeliveryJson.Options),
                item.RuleTemplate, item.Body, item.ContentType, item.RenderProblem, created, created, 0, "pending"]);
        }

        _database.Write(connection => BulkInsert.Run(connection, "outbox", OutboxColumns, rows));
    }

    /// <summary>Apply writes a batch of audit lines and row changes in one transaction.</summary>
    public void Apply(IReadOnlyList<OutboxChange> changes) => _database.Write(connection => ApplyRows(connection, changes));

    private static void ApplyRows(SqliteConnection connection, IReadOnlyList<OutboxChange> changes)
    {
        var audits = new List<object?[]>(changes.Count);
        using var delete = Command(connection, "DELETE FROM outbox WHERE seq = $seq", out var d);
        using var update = Command(connection, "UPDATE outbox SET state = $state, attempts = $attempts, next_attempt = $next, last_error = $error WHERE seq = $seq", out var u);
        foreach (var change in changes)
        {
            if (change.Record is { } r)
                audits.Add([r.NotificationId, r.Fingerprint, r.Target, r.Kind.ToString(), r.Attempt, r.At.ToUnixTimeMilliseconds(), r.LatencyMs, r.StatusCode, r.Error, r.Outcome]);

            switch (change.Row)
            {
                case OutboxRowChange.Delete:
                    Set(d, change.Seq);
                    delete.ExecuteNonQuery();
                    break;
                case OutboxRowChange.Dead or OutboxRowChange.Reschedule:
                    Set(u, change.Row == OutboxRowChange.Dead ? "dead" : "pending", change.Attempts, change.NextAttempt.ToUnixTimeMilliseconds(), change.Error, change.Seq);
                    update.ExecuteNonQuery();
                    break;
            }
        }

        BulkInsert.Run(connection, "delivery_attempts", AttemptColumns, audits);
    }

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

    private static SqliteCommand Command(SqliteConnection connection, string sql, out SqliteParameter[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        parameters = Parameters(command, [.. System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-z]+").Select(m => m.Value).Distinct()]);
        return command;
    }

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n }))];

    private static void Set(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
            parameters[i].Value = values[i] ?? DBNull.Value;
    }
}
