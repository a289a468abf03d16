using Microsoft.Extensions.Time.Testing;
using RuleHost.Engine.Delivery;
using RuleHost.Engine.Storage;
using RuleHost.Engine.Tests.Support;
using RuleHost.Notifications;

namespace RuleHost.Engine.Tests.Storage;

/// <summary>RetentionService on a fake clock over a real outbox file: when it prunes, and that one failing table stops nothing.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RetentionServiceTests
{
    private const int Pruned = 1350;
    private const int PruneFailed = 1351;

    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FiveDays = TimeSpan.FromDays(5);

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly LogChannel<RetentionService> _log = new();
    private RuleFolder _data = null!;
    private OutboxStore _outbox = null!;

    [SetUp]
    public void CreateOutbox()
    {
        _data = new RuleFolder();
        _outbox = new OutboxStore(new StateDatabase(_data.Root, OutboxStore.FileName));
    }

    [TearDown]
    public void DeleteFolder()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    [Test]
    public async Task Prunes_a_minute_after_start_and_then_every_hour()
    {
        Audit(("old", -FiveDays - TimeSpan.FromDays(1)), ("old-within-the-hour", -FiveDays + TimeSpan.FromMinutes(30)), ("new", TimeSpan.Zero));
        using var service = new RetentionService([new TableRetention(_outbox.Database, AuditRetention.Attempts, FiveDays)], _clock, _log);
        await service.StartAsync(CancellationToken.None);

        _clock.Advance(RetentionService.FirstRun - TimeSpan.FromSeconds(1));
        Assert.That(Ids(), Has.Count.EqualTo(3), "not before the first run is due");

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await _log.NextAsync(Pruned), Is.EqualTo("Pruned 1 rows of delivery_attempts older than 5.00:00:00"));
        Assert.That(Ids(), Is.EqualTo(new[] { "new", "old-within-the-hour" }));

        _clock.Advance(RetentionService.Interval - RetentionService.FirstRun);
        await _log.NextAsync(Pruned);
        Assert.That(Ids(), Is.EqualTo(new[] { "new" }));

        await service.StopAsync(CancellationToken.None);
    }

    [Test]
    public async Task A_table_that_fails_is_logged_and_the_others_are_still_pruned()
    {
        Audit(("old", -FiveDays - TimeSpan.FromDays(1)));
        var missing = new RetainedTable("no_such_table", "seq", "at");
        using var service = new RetentionService(
            [new TableRetention(_outbox.Database, missing, FiveDays), new TableRetention(_outbox.Database, AuditRetention.Attempts, FiveDays)], _clock, _log);
        await service.StartAsync(CancellationToken.None);

        _clock.Advance(RetentionService.FirstRun);

        Assert.That(await _log.NextAsync(PruneFailed), Does.Contain("no_such_table"));
        await _log.NextAsync(Pruned);
        Assert.That(Ids(), Is.Empty);
        await service.StopAsync(CancellationToken.None);
    }

    private void Audit(params (string Id, TimeSpan At)[] lines) =>
        _outbox.Apply([.. lines.Select(l => new OutboxChange(new AttemptRecord(l.Id, l.Id, "ops", NotificationKind.Firing, 1, Start + l.At, 12, 200, null, AttemptRecord.Delivered), 0, OutboxRowChange.None))]);

    private List<string> Ids() => [.. _outbox.Attempts(null, null, null, 100).Select(a => a.NotificationId)];
}
