using System.Text.Json;
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
    public void Write(StateBatch batch) => _db.Write(connection =>
    {
        WriteAlerts(connection, batch);
        WriteHistory(connection, batch.History);
        WriteTracks(connection, batch.Tracks);
        if (batch.JournalRecord is { } record)
        {
            using var meta = connection.CreateCommand();
            meta.CommandText = "INSERT OR REPLACE INTO meta (name, value) VALUES ('journal_record', $v)";
            meta.Parameters.AddWithValue("$v", record);
            meta.ExecuteNonQuery();
        }
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

    private static void WriteAlerts(SqliteConnection connection, StateBatch batch)
    {
        using var upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT OR REPLACE INTO alerts (fingerprint, state, ends_at, alert) VALUES ($f, $s, $e, $a)";
        var (f, s, e, a) = (upsert.Parameters.Add("$f", SqliteType.Text), upsert.Parameters.Add("$s", SqliteType.Text), upsert.Parameters.Add("$e", SqliteType.Integer), upsert.Parameters.Add("$a", SqliteType.Text));
        foreach (var alert in batch.Alerts.Values)
        {
            f.Value = alert.Fingerprint;
            s.Value = alert.State.ToString();
            e.Value = alert.EndsAt is { } end ? end.ToUnixTimeMilliseconds() : DBNull.Value;
            a.Value = JsonSerializer.Serialize(alert, StateJson.Default.Alert);
            upsert.ExecuteNonQuery();
        }

        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM alerts WHERE fingerprint = $f";
        var df = delete.Parameters.Add("$f", SqliteType.Text);
        foreach (var fingerprint in batch.ForgetAlerts)
        {
            df.Value = fingerprint;
            delete.ExecuteNonQuery();
        }
    }

    private static void WriteHistory(SqliteConnection connection, List<AlertChange> history)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO alert_history (fingerprint, state, at, by, comment) VALUES ($f, $s, $t, $b, $c)";
        var (f, s, t, b, c) = (insert.Parameters.Add("$f", SqliteType.Text), insert.Parameters.Add("$s", SqliteType.Text), insert.Parameters.Add("$t", SqliteType.Integer), insert.Parameters.Add("$b", SqliteType.Text), insert.Parameters.Add("$c", SqliteType.Text));
        foreach (var change in history)
        {
            f.Value = change.Fingerprint;
            s.Value = change.State.ToString();
            t.Value = change.At.ToUnixTimeMilliseconds();
            b.Value = (object?)change.By ?? DBNull.Value;
            c.Value = (object?)change.Comment ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }

    private static void WriteTracks(SqliteConnection connection, Dictionary<(string Rule, string Key), TrackState?> tracks)
    {
        using var upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT OR REPLACE INTO tracks (rule, key, track) VALUES ($r, $k, $t)";
        var (r, k, t) = (upsert.Parameters.Add("$r", SqliteType.Text), upsert.Parameters.Add("$k", SqliteType.Text), upsert.Parameters.Add("$t", SqliteType.Text));
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM tracks WHERE rule = $r AND key = $k";
        var (dr, dk) = (delete.Parameters.Add("$r", SqliteType.Text), delete.Parameters.Add("$k", SqliteType.Text));
        foreach (var ((rule, key), track) in tracks)
        {
            if (track is null)
            {
                (dr.Value, dk.Value) = (rule, key);
                delete.ExecuteNonQuery();
                continue;
            }

            (r.Value, k.Value, t.Value) = (rule, key, JsonSerializer.Serialize(track, StateJson.Default.TrackState));
            upsert.ExecuteNonQuery();
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

    private static T Deserialize<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(json, type) ?? throw new InvalidDataException($"the state store holds an empty {typeof(T).Name}");
}
