using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Evaluation;

namespace RuleHost.Engine.Storage;

/// <summary>SqliteStateStore keeps alerts, their history and the rules' tracks in the host's SQLite file.</summary>
internal sealed class SqliteStateStore : IStateStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS alerts (
            fingerprint TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            ends_at INTEGER,
            alert TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS alerts_by_end ON alerts (ends_at);
        CREATE TABLE IF NOT EXISTS alert_history (
            id INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            state TEXT NOT NULL,
            at INTEGER NOT NULL,
            by TEXT,
            comment TEXT);
        CREATE INDEX IF NOT EXISTS alert_history_by_alert ON alert_history (fingerprint, id);
        CREATE TABLE IF NOT EXISTS tracks (
            rule TEXT NOT NULL,
            key TEXT NOT NULL,
            track TEXT NOT NULL,
            PRIMARY KEY (rule, key)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS meta (
            name TEXT PRIMARY KEY,
            value INTEGER NOT NULL) WITHOUT ROWID;
        """;

    private readonly StateDatabase _db;
    private readonly Utf8JsonBuffer _json = new();

    public SqliteStateStore(StateDatabase db)
    {
        _db = db;
        db.Execute(Schema);
    }

    public SavedState Load(int resolvedToKeep)
    {
        using var connection = _db.Open();
        var tracks = new List<TrackState>();
        Read(connection, "SELECT track FROM tracks", r => tracks.Add(Deserialize(r.GetString(0), StateJson.Default.TrackState)));

        // An active alert with an active track is rebuilt from the track (see SavedState): only the others are parsed.
        var tracked = tracks.Where(t => t.State is not null).Select(t => t.Fingerprint).ToHashSet(StringComparer.Ordinal);
        var alerts = new List<Alert>();
        Read(connection, "SELECT fingerprint, alert FROM alerts WHERE ends_at IS NULL", r =>
        {
            if (!tracked.Contains(r.GetString(0)))
                alerts.Add(Deserialize(r.GetString(1), StateJson.Default.Alert));
        });
        Read(connection, $"SELECT alert FROM alerts WHERE ends_at IS NOT NULL ORDER BY ends_at DESC LIMIT {resolvedToKeep}", r => alerts.Add(Deserialize(r.GetString(0), StateJson.Default.Alert)));
        long journalRecord = 0;
        Read(connection, "SELECT value FROM meta WHERE name = 'journal_record'", r => journalRecord = r.GetInt64(0));
        return new SavedState(alerts, tracks, journalRecord);
    }

    /// <summary>Write commits a batch in one transaction, serialising as it goes (the state file's only other writer is the rare silence change).</summary>
    public void Write(StateBatch batch) => _db.Write(_ =>
    {
        WriteAlerts(batch);
        WriteHistory(batch.History);
        WriteTracks(batch.Tracks);
        if (batch.JournalRecord is { } record)
            _db.Prepared("INSERT OR REPLACE INTO meta (name, value) VALUES ('journal_record', ?1)").Bind(1, record).Run();
    });

    public IReadOnlyList<AlertChange> History(string fingerprint, int limit)
    {
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, at, by, comment FROM (SELECT * FROM alert_history WHERE fingerprint = $f ORDER BY id DESC LIMIT $n) ORDER BY id";
        command.Parameters.AddWithValue("$f", fingerprint);
        command.Parameters.AddWithValue("$n", limit);
        using var reader = command.ExecuteReader();
        var changes = new List<AlertChange>();
        while (reader.Read())
        {
            changes.Add(new AlertChange(
                fingerprint,
                Enum.Parse<AlertState>(reader.GetString(0)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return changes;
    }

    private void WriteAlerts(StateBatch batch)
    {
        var upsert = _db.Prepared("INSERT OR REPLACE INTO alerts (fingerprint, state, ends_at, alert) VALUES (?1, ?2, ?3, ?4)");
        foreach (var alert in batch.Alerts.Values)
            upsert.Bind(1, alert.Fingerprint).Bind(2, alert.State.ToString()).Bind(3, alert.EndsAt?.ToUnixTimeMilliseconds()).Bind(4, _json.Write(alert, StateJson.Default.Alert)).Run();

        var delete = _db.Prepared("DELETE FROM alerts WHERE fingerprint = ?1");
        foreach (var fingerprint in batch.ForgetAlerts)
            delete.Bind(1, fingerprint).Run();
    }

    private void WriteHistory(List<AlertChange> history)
    {
        var insert = _db.Prepared("INSERT INTO alert_history (fingerprint, state, at, by, comment) VALUES (?1, ?2, ?3, ?4, ?5)");
        foreach (var change in history)
            insert.Bind(1, change.Fingerprint).Bind(2, change.State.ToString()).Bind(3, change.At.ToUnixTimeMilliseconds()).Bind(4, change.By).Bind(5, change.Comment).Run();
    }

    private void WriteTracks(Dictionary<(string Rule, string Key), TrackState?> tracks)
    {
        var upsert = _db.Prepared("INSERT OR REPLACE INTO tracks (rule, key, track) VALUES (?1, ?2, ?3)");
        var delete = _db.Prepared("DELETE FROM tracks WHERE rule = ?1 AND key = ?2");
        foreach (var ((rule, key), track) in tracks)
        {
            if (track is null)
                delete.Bind(1, rule).Bind(2, key).Run();
            else
                upsert.Bind(1, rule).Bind(2, key).Bind(3, _json.Write(track, StateJson.Default.TrackState)).Run();
        }
    }

    private static void Read(SqliteConnection connection, string sql, Action<SqliteDataReader> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            row(reader);
    }

    private static T Deserialize<T>(string json, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type) ?? throw new InvalidDataException($"the state store holds an empty {typeof(T).Name}");
}
