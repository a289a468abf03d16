using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RuleHost.Engine.Alerts;
using RuleHost.Host.Tests.Delivery.Support;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Delivery;

/// <summary>Repeats, escalations and flood summaries carry on after the host stops and a new one starts on the same data folder, on a fake clock shared by both.</summary>
/// <remarks>
/// One notification is sent at a time (MaxConcurrency 1), in the order made, so <see cref="SettleAsync"/> can tell that
/// everything due by now has been delivered: what the pipeline made before the second of two sentinels is delivered before it.
/// </remarks>
public sealed class TimerRestartTests
{
    private const string Rules = """
        Rule("Escalating")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .EscalateTo("boss", after: TimeSpan.FromMinutes(12))
            .EscalateTo("director", after: TimeSpan.FromMinutes(30))
            .NotifyTo("hook");

        Rule("Repeating")
            .Match(e => e.Metric == "load")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .SuppressFor(TimeSpan.FromMinutes(5))
            .NotifyTo("hook");
        """;

    private FakeTimeProvider _clock = null!;
    private RuleFolder _folder = null!;
    private Receiver _hook = null!;
    private Receiver _boss = null!;
    private Receiver _director = null!;
    private Receiver _flood = null!;
    private DeliveryHost? _host;
    private int _sentinels;

    [SetUp]
    public async Task Start()
    {
        _clock = new FakeTimeProvider(T0); // per test: NUnit runs every test on one instance of the class
        _folder = new RuleFolder();
        _hook = await Receiver.StartAsync();
        _boss = await Receiver.StartAsync();
        _director = await Receiver.StartAsync();
        _flood = await Receiver.StartAsync();
        _host = await StartHostAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        if (_host is not null)
            await _host.DisposeAsync();
        await _hook.DisposeAsync();
        await _boss.DisposeAsync();
        await _director.DisposeAsync();
        await _flood.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task An_escalation_due_while_the_host_was_down_goes_out_once_at_start_and_the_next_one_on_time()
    {
        var fingerprint = await FireAsync("cpu");
        await RestartAsync(downFor: Minutes(20)); // 10:20: the escalation to boss fell due at 10:12

        await Host.WaitForNotificationsAsync("?target=boss&outcome=delivered", a => a.Count == 1, "the escalation to boss");
        _clock.Advance(Minutes(10)); // 10:30
        await Host.WaitForNotificationsAsync("?target=director&outcome=delivered", a => a.Count == 1, "the escalation to director");
        await SettleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Kinds(_boss, fingerprint), Is.EqualTo(new[] { "Escalation" }));
            Assert.That(Kinds(_director, fingerprint), Is.EqualTo(new[] { "Escalation" }));
        });
    }

    [Test]
    public async Task An_escalation_made_before_the_restart_is_not_made_again()
    {
        var fingerprint = await FireAsync("cpu");
        _clock.Advance(Minutes(12));
        await Host.WaitForNotificationsAsync("?target=boss&outcome=delivered", a => a.Count == 1, "the escalation to boss");

        await RestartAsync(downFor: Minutes(1));
        await SettleAsync();
        _clock.Advance(Minutes(17)); // 10:30
        await Host.WaitForNotificationsAsync("?target=director&outcome=delivered", a => a.Count == 1, "the escalation to director");
        await SettleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Kinds(_boss, fingerprint), Is.EqualTo(new[] { "Escalation" }));
            Assert.That(Kinds(_director, fingerprint), Is.EqualTo(new[] { "Escalation" }));
        });
    }

    [Test]
    public async Task An_acknowledged_alert_does_not_escalate_after_the_restart_and_its_resolve_still_reaches_the_escalation_target()
    {
        var fingerprint = await FireAsync("cpu");
        _clock.Advance(Minutes(12));
        await Host.WaitForNotificationsAsync("?target=boss&outcome=delivered", a => a.Count == 1, "the escalation to boss");
        await ChangeAsync(fingerprint, "ack");
        await Host.WaitForNotificationsAsync("?target=boss&outcome=delivered", a => a.Count == 2, "the acknowledgement to boss");

        await RestartAsync(downFor: Minutes(1));
        _clock.Advance(Minutes(30)); // 10:43: the escalation to director would have been due at 10:30
        await SettleAsync();
        await ChangeAsync(fingerprint, "resolve");
        await Host.WaitForNotificationsAsync("?target=boss&outcome=delivered", a => a.Count == 3, "the resolve to boss after the restart");
        await SettleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Kinds(_director, fingerprint), Is.Empty);
            Assert.That(Kinds(_boss, fingerprint), Is.EqualTo(new[] { "Escalation", "Acknowledged", "Resolved" }));
            Assert.That(Kinds(_hook, fingerprint), Is.EqualTo(new[] { "Firing", "Acknowledged", "Resolved" }));
        });
    }

    [Test]
    public async Task Repeats_carry_on_after_the_restart_counted_from_the_last_repeat_made()
    {
        var fingerprint = await FireAsync("load");
        _clock.Advance(Minutes(5));
        await DeliveredAsync(fingerprint, 2); // the repeat at 10:05

        await RestartAsync(downFor: Minutes(2)); // 10:07: the next repeat is due at 10:10, not at once and not at 10:12
        await SettleAsync();
        var atStart = Kinds(_hook, fingerprint);
        _clock.Advance(Minutes(3));
        await DeliveredAsync(fingerprint, 3); // the repeat at 10:10 (the audit trail is in the data folder: it counts the first host's too)
        await SettleAsync();

        Assert.Multiple(() =>
        {
            Assert.That(atStart, Is.EqualTo(new[] { "Firing", "Repeat" }), "nothing repeats at the restart");
            Assert.That(Kinds(_hook, fingerprint), Is.EqualTo(new[] { "Firing", "Repeat", "Repeat" }));
        });
    }

    [Test]
    public async Task Notifications_folded_by_flood_control_reach_the_target_in_a_summary_after_a_restart()
    {
        var alerts = Enumerable.Range(1, 5).Select(i => DeliveryHost.Alert("Flood", $"host-{i}", "flood")).ToList();
        foreach (var alert in alerts)
            Host.Notify(alert, AlertState.Pending);
        await Host.WaitForNotificationsAsync("?target=flood&outcome=delivered", a => a.Count == 2, "the first two");

        await RestartAsync(downFor: TimeSpan.FromSeconds(30)); // the interval ends at 10:01, after the restart
        _clock.Advance(TimeSpan.FromSeconds(30));
        var received = await _flood.WaitForAsync(r => r.Count == 3, "the flood summary");

        var summary = received.Single(r => r.Kind == "FloodSummary");
        var folded = summary.Json["alerts"]!.AsArray().Select(a => (string)a!).ToList();
        var firing = received.Where(r => r.Kind == "Firing").Select(r => r.Fingerprint).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(folded, Has.Count.EqualTo(3));
            Assert.That(firing.Concat(folded), Is.EquivalentTo(alerts.Select(a => a.Fingerprint)), "every alert is either sent or folded");
        });
    }

    private DeliveryHost Host => _host!;

    private Task<DeliveryHost> StartHostAsync() =>
        DeliveryHost.StartAsync(
            _folder,
            ownsFolder: false,
            DeliveryHost.Config(
                $$"""
                "hook": { "Sink": "post", "Url": "{{_hook.Url}}" },
                "boss": { "Sink": "post", "Url": "{{_boss.Url}}" },
                "director": { "Sink": "post", "Url": "{{_director.Url}}" },
                "flood": { "Sink": "post", "Url": "{{_flood.Url}}", "FloodLimit": 2, "FloodInterval": "00:01:00" }
                """,
                delivery: """, "MaxConcurrency": 1"""),
            TestSinks.WithPost(),
            _clock,
            ("rules.csx", Rules));

    /// <summary>RestartAsync stops the host, moves the clock on while none runs, and starts a new host on the same folder.</summary>
    private async Task RestartAsync(TimeSpan downFor)
    {
        var host = _host!;
        _host = null;
        await host.DisposeAsync();
        _clock.Advance(downFor);
        _host = await StartHostAsync();
    }

    /// <summary>FireAsync posts an event that makes the alert of the rule matching <paramref name="metric"/> fire at 10:00, and waits for its Firing.</summary>
    private async Task<string> FireAsync(string metric)
    {
        var fingerprint = Fingerprint.Of(metric == "cpu" ? "Escalating" : "Repeating", "api");
        using var posted = await Host.PostJsonAsync("/api/v1/events", Json(Metric("api", metric, 95, Minutes(0))));
        Assert.That(posted.IsSuccessStatusCode, Is.True);
        await DeliveredAsync(fingerprint, 1);
        return fingerprint;
    }

    private async Task ChangeAsync(string fingerprint, string verb)
    {
        using var response = await Host.Http.PostAsync($"/api/v1/alerts/{fingerprint}/{verb}", null);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{verb}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>SettleAsync returns once everything the pipeline made by now is delivered: two sentinel alerts, one after the other.</summary>
    /// <remarks>The first one's batch holds every timer due by now (or a later batch does not); the second goes out after all of them.</remarks>
    private async Task SettleAsync()
    {
        for (var i = 0; i < 2; i++)
        {
            var sentinel = DeliveryHost.Alert("Sentinel", $"s-{++_sentinels}", "hook");
            Host.Notify(sentinel, AlertState.Pending);
            await DeliveredAsync(sentinel.Fingerprint, 1);
        }
    }

    private Task<JsonArray> DeliveredAsync(string fingerprint, int count) =>
        Host.WaitForNotificationsAsync($"?alert={fingerprint}&outcome=delivered", a => a.Count >= count, $"{count} delivered notifications of {fingerprint}");

    private static List<string> Kinds(Receiver receiver, string fingerprint) =>
        [.. receiver.Requests.Where(r => r.Fingerprint == fingerprint).Select(r => r.Kind)];
}
