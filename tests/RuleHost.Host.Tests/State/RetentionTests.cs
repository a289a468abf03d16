using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Delivery;
using RuleHost.Engine.Storage;
using RuleHost.Host.Tests.Support;
using RuleHost.Notifications;

namespace RuleHost.Host.Tests.State;

/// <summary>A running host prunes the audit trail and alert history past the retentions named in rulehost.json, on a fake clock.</summary>
public sealed class RetentionTests
{
    private const string Config = """
        { "RuleHost": { "HistoryRetention": "10.00:00:00", "Delivery": { "AuditRetention": "2.00:00:00" } } }
        """;

    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);

    [Test]
    public async Task Audit_lines_and_alert_history_past_their_configured_retention_are_gone_a_minute_after_start()
    {
        var folder = new RuleFolder();
        SeedAuditTrail(folder, ("three-days-old", Now.AddDays(-3)), ("an-hour-old", Now.AddHours(-1)));
        SeedHistory(folder, "resolved", (AlertState.Firing, Now.AddDays(-12)), (AlertState.Resolved, Now.AddDays(-1)));
        await using var host = await HostFixture.StartOnAsync(folder, Config, s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
        try
        {
            _clock.Advance(TimeSpan.FromMinutes(1));

            var audit = await host.WaitForAsync("/api/v1/notifications", a => a.AsArray().Count == 1, "the old audit line to go");
            var alert = await host.WaitForAsync("/api/v1/alerts/resolved", a => a["history"]!.AsArray().Count == 1, "the old history to go");
            using (Assert.EnterMultipleScope())
            {
                Assert.That((string?)audit[0]!["notificationId"], Is.EqualTo("an-hour-old"));
                Assert.That((string?)alert["history"]![0]!["state"], Is.EqualTo("resolved"));
            }
        }
        finally
        {
            host.ReportIfFailed();
        }
    }

    private static void SeedAuditTrail(RuleFolder folder, params (string Id, DateTimeOffset At)[] lines)
    {
        using var outbox = new OutboxStore(new StateDatabase(folder.Data, OutboxStore.FileName));
        outbox.Apply([.. lines.Select(l => new OutboxChange(new AttemptRecord(l.Id, "resolved", "ops", NotificationKind.Firing, 1, l.At, 12, 200, null, AttemptRecord.Delivered), 0, OutboxRowChange.None))]);
    }

    private static void SeedHistory(RuleFolder folder, string fingerprint, params (AlertState State, DateTimeOffset At)[] changes)
    {
        using var database = new StateDatabase(folder.Data);
        var store = new SqliteStateStore(database);
        foreach (var (state, at) in changes)
        {
            var batch = new StateBatch();
            var alert = new Alert { Fingerprint = fingerprint, Rule = "HighCpu", Key = "api", State = state, StartsAt = changes[0].At, FiredAt = changes[0].At, EndsAt = state == AlertState.Resolved ? at : null };
            batch.Add(new AlertChange(fingerprint, state, at, null, null), alert);
            store.Write(batch);
        }
    }
}
