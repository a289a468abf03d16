using RuleHost.Host.Tests.Delivery.Support;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Delivery;

/// <summary>Undelivered notifications survive the host: a second host on the same data folder sends them.</summary>
public sealed class RestartTests
{
    [Test]
    public async Task Notifications_left_in_the_outbox_go_out_from_the_next_host_on_the_same_data_folder()
    {
        await using var receiver = await Receiver.StartAsync();
        using var folder = new RuleFolder();
        var config = DeliveryHost.Config($$""" "hook": { "Sink": "post", "Url": "{{receiver.Url}}" } """);
        var alerts = Enumerable.Range(1, 50).Select(i => DeliveryHost.Alert("Restart", $"node-{i}", "hook")).ToList();

        // The first host has no "post" sink loaded: every notification is written to the outbox and waits.
        await using (var first = await DeliveryHost.StartAsync(folder, ownsFolder: false, config, new TestSinks()))
        {
            foreach (var alert in alerts)
                first.Notify(alert, AlertState.Pending);
            var waiting = await first.WaitForNotificationsAsync("?target=hook&outcome=retrying&limit=1000", a => a.Select(x => (string?)x!["alert"]).Distinct().Count() == 50, "every notification tried once");
            Assert.That((string?)waiting[0]!["error"], Is.EqualTo("sink 'post' is not loaded"));
        }

        await using var second = await DeliveryHost.StartAsync(folder, ownsFolder: false, config, TestSinks.WithPost());
        var received = await receiver.WaitForAsync(r => r.Select(x => x.Fingerprint).Distinct().Count() == 50, "all 50 after the restart");
        var delivered = await second.WaitForNotificationsAsync("?outcome=delivered&limit=1000", a => a.Count == 50, "50 delivered lines");

        Assert.Multiple(() =>
        {
            Assert.That(received.Select(r => r.Fingerprint), Is.EquivalentTo(alerts.Select(a => a.Fingerprint)));
            Assert.That(received.Select(r => r.WebhookId), Is.EquivalentTo(delivered.Select(d => (string?)d!["notificationId"])));
            Assert.That(second.Logs.Lines, Has.Some.Contains("Resuming 50 undelivered notifications"));
        });
    }
}
