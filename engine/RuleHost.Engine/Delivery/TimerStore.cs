using System.Text.Json;
using System.Text.Json.Nodes;
using RuleHost.Engine.Storage;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>TimerStore keeps, in the outbox's file (<c>data/outbox.db</c>), what the delivery timers need to carry on after a restart: <c>alert_timers</c> and <c>flood_folded</c>.</summary>
/// <remarks>
/// Tables of their own rather than the outbox and audit trail read back: delivered outbox rows are deleted, an audit line
/// says when an attempt was made (not when its notification was made, which is what the next repeat counts from), audit
/// lines go after AuditRetention while an alert may fire for longer, and what flood control folds is in neither. One row
/// per alert with timers (when it fired, its last Firing or Repeat, the escalations made, acknowledged or not) and one per
/// folded notification is all a restart needs. Rows are written by <see cref="TimerCheckpointStage"/> after the batch
/// that changed them is in the outbox (a transaction of their own, so the outbox's insert stays as it is). Times are unix
/// milliseconds.
/// </remarks>
internal sealed class TimerStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS alert_timers (
            fingerprint TEXT PRIMARY KEY, episode INTEGER, fired_at INTEGER NOT NULL, last_notified INTEGER NOT NULL,
            escalated TEXT NOT NULL, acknowledged INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS flood_folded (
            seq INTEGER PRIMARY KEY, target TEXT NOT NULL, window_ends INTEGER NOT NULL, kind TEXT NOT NULL, alert TEXT NOT NULL);
        """;

    private readonly StateDatabase _database;

    public TimerStore(StateDatabase database)
    {
        _database = database;
        _database.Execute(Schema);
    }

    /// <summary>LoadAlertTimers reads every alert's timers as the previous run left them.</summary>
    public Dictionary<string, AlertTimers> LoadAlertTimers()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT fingerprint, episode, fired_at, last_notified, escalated, acknowledged FROM alert_timers";
        using var r = command.ExecuteReader();
        var timers = new Dictionary<string, AlertTimers>(StringComparer.Ordinal);
        while (r.Read())
        {
            timers[r.GetString(0)] = new AlertTimers(
                r.IsDBNull(1) ? null : Time(r.GetInt64(1)), Time(r.GetInt64(2)), Time(r.GetInt64(3)), ReadEscalated(r.GetString(4)), r.GetInt64(5) != 0);
        }

        return timers;
    }

    /// <summary>LoadFolded reads the notifications flood control folded and had not summarised yet.</summary>
    public List<FoldedNotification> LoadFolded()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, target, window_ends, kind, alert FROM flood_folded ORDER BY seq";
        using var r = command.ExecuteReader();
        var folded = new List<FoldedNotification>();
        while (r.Read())
        {
            folded.Add(new FoldedNotification(r.GetInt64(0), r.GetString(1), Time(r.GetInt64(2)), Enum.Parse<NotificationKind>(r.GetString(3)),
                JsonSerializer.Deserialize<Alert>(r.GetString(4), DeliveryJson.Options)!));
        }

        return folded;
    }

    /// <summary>Save writes in one transaction: alert timers (null deletes the row), new folded notifications, and the folds summarised (each target's rows up to a seq).</summary>
    public void Save(IReadOnlyList<(string Fingerprint, AlertTimers? Timers)> alerts, IReadOnlyList<FoldedNotification> folded, IReadOnlyList<(string Target, long UpTo)> summarised) =>
        _database.Write(_ =>
        {
            foreach (var (fingerprint, t) in alerts)
            {
                if (t is null)
                {
                    _database.Prepared("DELETE FROM alert_timers WHERE fingerprint = ?1").Bind(1, fingerprint).Run();
                    continue;
                }

                _database.Prepared("""
                    INSERT OR REPLACE INTO alert_timers (fingerprint, episode, fired_at, last_notified, escalated, acknowledged)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                    """)
                    .Bind(1, fingerprint).Bind(2, t.Episode?.ToUnixTimeMilliseconds()).Bind(3, t.FiredAt.ToUnixTimeMilliseconds())
                    .Bind(4, t.LastNotified.ToUnixTimeMilliseconds()).Bind(5, WriteEscalated(t.Escalated)).Bind(6, t.Acknowledged ? 1 : 0)
                    .Run();
            }

            foreach (var f in folded)
            {
                _database.Prepared("INSERT INTO flood_folded (seq, target, window_ends, kind, alert) VALUES (?1, ?2, ?3, ?4, ?5)")
                    .Bind(1, f.Seq).Bind(2, f.Target).Bind(3, f.WindowEnds.ToUnixTimeMilliseconds()).Bind(4, f.Kind.ToString())
                    .Bind(5, JsonSerializer.Serialize(f.Alert, DeliveryJson.Options))
                    .Run();
            }

            foreach (var (target, upTo) in summarised)
                _database.Prepared("DELETE FROM flood_folded WHERE target = ?1 AND seq <= ?2").Bind(1, target).Bind(2, upTo).Run();
        });

    /// <summary>WriteEscalated writes the escalations made as <c>[["target", afterMs], …]</c>.</summary>
    private static string WriteEscalated(IReadOnlyList<(string Target, TimeSpan After)> escalated) =>
        new JsonArray([.. escalated.Select(e => new JsonArray(e.Target, (long)e.After.TotalMilliseconds))]).ToJsonString();

    private static List<(string Target, TimeSpan After)> ReadEscalated(string json) =>
        [.. JsonNode.Parse(json)!.AsArray().Select(e => ((string)e![0]!, TimeSpan.FromMilliseconds((long)e[1]!)))];

    private static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);
}
