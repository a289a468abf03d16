using RuleHost.Engine.Alerts;
using RuleHost.Engine.Delivery;
using RuleHost.Engine.Storage;
using RuleHost.Engine.Tests.Support;
using RuleHost.Notifications;

namespace RuleHost.Engine.Tests.Storage;

/// <summary>TableRetention over real SQLite files (the outbox's and the state's) in a temporary folder, as of a fixed "now".</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class TableRetentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FiveDays = TimeSpan.FromDays(5);
    private static readonly TimeSpan ThirtyDays = TimeSpan.FromDays(30);

    private RuleFolder _data = null!;

    [SetUp]
    public void CreateFolder() => _data = new RuleFolder();

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    [Test]
    public void Audit_lines_older_than_the_retention_go_and_newer_ones_stay()
    {
        var outbox = Outbox();
        Audit(outbox, ("a", Days(-7)), ("b", Days(-6)), ("c", Days(-5) - TimeSpan.FromMinutes(1)), ("d", Days(-4)), ("e", TimeSpan.FromMinutes(-1)));

        var pruned = new TableRetention(outbox.Database, AuditRetention.Attempts, FiveDays).Prune(Now, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pruned, Is.EqualTo(3));
            Assert.That(outbox.Attempts(null, null, null, 100).Select(a => a.NotificationId), Is.EqualTo(new[] { "e", "d" }));
        }
    }

    [Test]
    public void A_dead_letter_goes_once_it_has_been_dead_for_the_retention_and_a_pending_notification_never_does()
    {
        var outbox = Outbox();
        var deadLongAgo = Notification(outbox, "dead-long-ago", created: Days(-7));
        var deadLately = Notification(outbox, "dead-lately", created: Days(-7));
        Notification(outbox, "pending", created: Days(-7));
        var deadToday = Notification(outbox, "dead-today", created: TimeSpan.FromHours(-1));
        Die(outbox, (deadLongAgo, Days(-6)), (deadLately, Days(-4)), (deadToday, TimeSpan.FromMinutes(-30)));

        var pruned = new TableRetention(outbox.Database, AuditRetention.DeadLetters, FiveDays).Prune(Now, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pruned, Is.EqualTo(1));
            Assert.That(Ids(outbox, "dead"), Is.EqualTo(new[] { "dead-lately", "dead-today" }));
            Assert.That(outbox.LoadPending().Select(p => p.Item.Id), Is.EqualTo(new[] { "pending" }));
        }
    }

    [Test]
    public void Alert_history_older_than_the_retention_goes_unless_the_alert_is_still_active()
    {
        var store = new SqliteStateStore(new StateDatabase(_data.Root));
        Change(store, "gone", AlertState.Firing, Days(-40));
        Change(store, "gone", AlertState.Resolved, Days(-35));
        Change(store, "active", AlertState.Firing, Days(-40));
        Change(store, "active", AlertState.Acknowledged, Days(-39));
        Change(store, "half", AlertState.Firing, Days(-31));
        Change(store, "half", AlertState.Resolved, Days(-10));

        var pruned = new TableRetention(new StateDatabase(_data.Root), HistoryRetention.Table, ThirtyDays).Prune(Now, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pruned, Is.EqualTo(3));
            Assert.That(States(store, "gone"), Is.Empty);
            Assert.That(States(store, "active"), Is.EqualTo(new[] { AlertState.Firing, AlertState.Acknowledged }), "an active alert keeps its whole history");
            Assert.That(States(store, "half"), Is.EqualTo(new[] { AlertState.Resolved }));
        }
    }

    [Test]
    public void A_resolved_alert_snapshot_goes_once_it_resolved_longer_ago_than_the_retention_and_an_active_one_never_does()
    {
        var store = new SqliteStateStore(new StateDatabase(_data.Root));
        Change(store, "active", AlertState.Firing, Days(-60));
        Change(store, "gone", AlertState.Firing, Days(-50));
        Change(store, "gone", AlertState.Resolved, Days(-40));
        Change(store, "fired-again", AlertState.Resolved, Days(-45));
        Change(store, "fired-again", AlertState.Firing, Days(-2));
        Change(store, "recent", AlertState.Resolved, Days(-10));

        var pruned = new TableRetention(new StateDatabase(_data.Root), HistoryRetention.Alerts, ThirtyDays).Prune(Now, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pruned, Is.EqualTo(1));
            Assert.That(store.Load(resolvedToKeep: 100).Alerts.Select(a => $"{a.Fingerprint} {a.State}").Order(),
                Is.EqualTo(new[] { "active Firing", "fired-again Firing", "recent Resolved" }));
        }
    }

    [Test]
    public void Small_batches_step_over_the_rows_they_keep_and_prune_every_old_one()
    {
        var store = new SqliteStateStore(new StateDatabase(_data.Root));
        for (var day = -50; day < -40; day += 2)
        {
            Change(store, "active", AlertState.Firing, Days(day));
            Change(store, "resolved", AlertState.Resolved, Days(day + 1));
        }

        Change(store, "resolved", AlertState.Resolved, Days(-1));

        var pruned = new TableRetention(new StateDatabase(_data.Root), HistoryRetention.Table, ThirtyDays, batchSize: 2).Prune(Now, CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pruned, Is.EqualTo(5));
            Assert.That(States(store, "active"), Has.Count.EqualTo(5));
            Assert.That(States(store, "resolved"), Has.Count.EqualTo(1), "only the change within the retention");
        }
    }

    [Test]
    public void A_retention_longer_than_the_clock_prunes_nothing()
    {
        var outbox = Outbox();
        Audit(outbox, ("a", Days(-20_000)));

        var pruned = new TableRetention(outbox.Database, AuditRetention.Attempts, TimeSpan.MaxValue).Prune(Now, CancellationToken.None);

        Assert.That(pruned, Is.Zero);
        Assert.That(outbox.Attempts(null, null, null, 100), Has.Count.EqualTo(1));
    }

    private static TimeSpan Days(double days) => TimeSpan.FromDays(days);

    private OutboxStore Outbox() => new(new StateDatabase(_data.Root, OutboxStore.FileName));

    private static void Audit(OutboxStore outbox, params (string Id, TimeSpan At)[] lines) =>
        outbox.Apply([.. lines.Select(l => new OutboxChange(Attempt(l.Id, Now + l.At, AttemptRecord.Delivered), 0, OutboxRowChange.None))]);

    private static Outgoing Notification(OutboxStore outbox, string id, TimeSpan created)
    {
        var item = new Outgoing(Alert(id, AlertState.Firing), "ops", NotificationKind.Firing, null) { Id = id, CreatedAt = Now + created, Body = "{}" };
        outbox.Insert([item]);
        return item;
    }

    private static void Die(OutboxStore outbox, params (Outgoing Item, TimeSpan At)[] deaths) =>
        outbox.Apply([.. deaths.Select(d => new OutboxChange(Attempt(d.Item.Id, Now + d.At, AttemptRecord.Dead), d.Item.Seq, OutboxRowChange.Dead, 20, Now + d.At, "HTTP 500"))]);

    private static AttemptRecord Attempt(string id, DateTimeOffset at, string outcome) =>
        new(id, id, "ops", NotificationKind.Firing, 1, at, 12, 200, null, outcome);

    private static List<string> Ids(OutboxStore outbox, string state)
    {
        using var connection = outbox.Database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM outbox WHERE state = $state ORDER BY seq";
        command.Parameters.AddWithValue("$state", state);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
            ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>Change saves one history entry and the alert as it became, as the state writer does.</summary>
    private static void Change(SqliteStateStore store, string fingerprint, AlertState state, TimeSpan at)
    {
        var batch = new StateBatch();
        batch.Add(new AlertChange(fingerprint, state, Now + at, state == AlertState.Acknowledged ? "ana" : null, null), Alert(fingerprint, state, Now + at));
        store.Write(batch);
    }

    private static List<AlertState> States(SqliteStateStore store, string fingerprint) => [.. store.History(fingerprint, 100).Select(c => c.State)];

    private static Alert Alert(string fingerprint, AlertState state, DateTimeOffset? at = null) => new()
    {
        Fingerprint = fingerprint,
        Rule = "HighCpu",
        Key = fingerprint,
        State = state,
        StartsAt = at ?? Now,
        FiredAt = at ?? Now,
        EndsAt = state == AlertState.Resolved ? at : null,
    };
}
