using System.Diagnostics;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Storage;
using RuleHost.Rules;

namespace RuleHost.Benchmarks;

/// <summary>StateStoreRun measures the SQLite state store: alert transitions, track checkpoints and the load at start, for N alerts.</summary>
internal static class StateStoreRun
{
    public static void Run(int alerts)
    {
        var folder = Directory.CreateTempSubdirectory("rulehost-state-bench-").FullName;
        try
        {
            var store = new SqliteStateStore(new StateDatabase(folder));
            var now = DateTimeOffset.UtcNow;
            var transitions = new StateBatch();
            var checkpoint = new List<TrackState>(alerts);
            for (var i = 0; i < alerts; i++)
            {
                var key = $"svc{i}";
                var alert = new Alert { Fingerprint = Fingerprint.Of("Hot", key), Rule = "Hot", Key = key, State = AlertState.Firing, StartsAt = now, FiredAt = now, Summary = $"hot on {key}", Value = i };
                transitions.Add(new AlertChange(alert.Fingerprint, alert.State, now, null, null), alert);
                checkpoint.Add(new TrackState { Rule = "Hot", Kind = RuleKind.Threshold, Key = key, Fingerprint = alert.Fingerprint, State = AlertState.Firing, ActiveAt = now, FiredAt = now, Since = now, LastTrueAt = now, Summary = alert.Summary, Value = i });
            }

            var clock = Stopwatch.StartNew();
            store.Write(transitions);
            Console.WriteLine($"state: {alerts:N0} alert transitions (alert + history row) in one transaction: {clock.Elapsed.TotalMilliseconds:N0} ms ({alerts / clock.Elapsed.TotalSeconds:N0}/s)");

            var tracks = new StateBatch();
            tracks.Add(new TrackCheckpoint(checkpoint, [], 1));
            clock.Restart();
            store.Write(tracks);
            Console.WriteLine($"state: checkpoint of {alerts:N0} tracks: {clock.Elapsed.TotalMilliseconds:N0} ms ({alerts / clock.Elapsed.TotalSeconds:N0}/s)");

            clock.Restart();
            var saved = store.Load(10_000);
            Console.WriteLine($"state: load at start ({saved.Alerts.Count:N0} alerts, {saved.Tracks.Count:N0} tracks): {clock.Elapsed.TotalMilliseconds:N0} ms");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
