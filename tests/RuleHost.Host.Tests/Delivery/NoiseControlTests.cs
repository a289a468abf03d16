using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RuleHost.Engine.Alerts;
using RuleHost.Host.Tests.Delivery.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Delivery;

/// <summary>SuppressFor repeats, EscalateTo, acknowledgement, silences and flood control, on a fake clock, through a real host and receivers.</summary>
/// <remarks>Each step waits until the audit trail shows the previous notifications delivered before the clock moves, so no attempt is in flight when it does.</remarks>
public sealed class NoiseControlTests
{
    private const string Rules = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .SuppressFor(TimeSpan.FromMinutes(5))
            .EscalateTo("boss", after: TimeSpan.FromMinutes(12))
            .NotifyTo("hook");
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));
    private DeliveryHost _host = null!;
    private Receiver _hook = null!;
    private Receiver _boss = null!;
    private Receiver _flood = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _hook = await Receiver.StartAsync();
        _boss = await Receiver.StartAsync();
        _flood = await Receiver.StartAsync();
        _host = await DeliveryHost.StartAsync(
            DeliveryHost.Config($$"""
                "hook": { "Sink": "post", "Url": "{{_hook.Url}}" },
                "boss": { "Sink": "post", "Url": "{{_boss.Url}}" },
                "flood": { "Sink": "post", "Url": "{{_flood.Url}}", "FloodLimit": 2, "FloodInterval": "00:01:00" }
                """),
            TestSinks.WithPost(),
            _clock,
            ("cpu.csx", Rules));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _host.DisposeAsync();
        await _hook.DisposeAsync();
        await _boss.DisposeAsync();
        await _flood.DisposeAsync();
    }

    [Test]
    public async Task Repeats_while_firing_escalates_when_unacknowledged_and_acknowledging_stops_both()
    {
        var fingerprint = Fingerprint.Of("HighCpu", "api");
        using var posted = await _host.PostJsonAsync("/api/v1/events", Json(Cpu("api", 95, Minutes(0))));
        await DeliveredAsync(fingerprint, 1);

        _clock.Advance(TimeSpan.FromMinutes(5));
        await DeliveredAsync(fingerprint, 2);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await DeliveredAsync(fingerprint, 3);
        _clock.Advance(TimeSpan.FromMinutes(2));
        await DeliveredAsync(fingerprint, 4);

        var alert = DeliveryHost.Alert("HighCpu", "api", "hook");
        _host.Notify(alert with { State = AlertState.Acknowledged }, AlertState.Firing);
        await DeliveredAsync(fingerprint, 6);
        _clock.Advance(TimeSpan.FromMinutes(30));
        _host.Notify(alert with { State = AlertState.Resolved, EndsAt = _clock.GetUtcNow() }, AlertState.Acknowledged);
        await DeliveredAsync(fingerprint, 8);

        Assert.Multiple(() =>
        {
            Assert.That(Kinds(_hook, fingerprint), Is.EqualTo(new[] { "Firing", "Repeat", "Repeat", "Acknowledged", "Resolved" }));
            Assert.That(Kinds(_boss, fingerprint), Is.EqualTo(new[] { "Escalation", "Acknowledged", "Resolved" }));
        });
    }

    [Test]
    public async Task A_firing_announced_again_goes_to_the_rules_targets_and_not_to_the_escalation_target()
    {
        var fingerprint = Fingerprint.Of("HighCpu", "replayed");
        using var posted = await _host.PostJsonAsync("/api/v1/events", Json(Cpu("replayed", 95, Minutes(0))));
        await DeliveredAsync(fingerprint, 1);
        _clock.Advance(TimeSpan.FromMinutes(12));
        await _host.WaitForNotificationsAsync($"?alert={fingerprint}&target=boss&outcome=delivered", a => a.Count == 1, "the escalation");
        var before = (await _host.NotificationsAsync($"?alert={fingerprint}&outcome=delivered")).Count;

        // The same firing announced again, as the journal replay after a crash does (it fired at the event's time).
        var alert = DeliveryHost.Alert("HighCpu", "replayed", "hook") with { StartsAt = T0, FiredAt = T0 };
        _host.Notify(alert, AlertState.Pending);
        await DeliveredAsync(fingerprint, before + 1);
        _host.Notify(alert with { State = AlertState.Resolved, EndsAt = _clock.GetUtcNow() }, AlertState.Firing);
        await DeliveredAsync(fingerprint, before + 3);

        Assert.Multiple(() =>
        {
            Assert.That(Kinds(_hook, fingerprint)[^2..], Is.EqualTo(new[] { "Firing", "Resolved" }));
            Assert.That(Kinds(_boss, fingerprint), Is.EqualTo(new[] { "Escalation", "Resolved" }), "the escalation target hears the resolve, not the Firing again");
        });
    }

    [Test]
    public async Task A_silenced_alert_is_recorded_as_muted_and_not_sent()
    {
        var muted = DeliveryHost.Alert("Disk", "muted", "hook") with { Labels = new Dictionary<string, string> { ["silenced"] = "yes" } };
        var heard = DeliveryHost.Alert("Disk", "heard", "hook");
        _host.Notify(muted, AlertState.Pending);
        _host.Notify(heard, AlertState.Pending);

        await DeliveredAsync(heard.Fingerprint, 1);
        var audit = await _host.WaitForNotificationsAsync($"?alert={muted.Fingerprint}", a => a.Count == 1, "the muted line");

        Assert.Multiple(() =>
        {
            Assert.That((string?)audit[0]!["outcome"], Is.EqualTo("muted"));
            Assert.That((int?)audit[0]!["attempt"], Is.EqualTo(0));
            Assert.That(_hook.Requests.Where(r => r.Fingerprint == muted.Fingerprint), Is.Empty);
        });
    }

    [Test]
    public async Task Flood_control_lets_the_limit_through_and_folds_the_rest_into_one_summary_at_the_end_of_the_interval()
    {
        var alerts = Enumerable.Range(1, 5).Select(i => DeliveryHost.Alert("Flood", $"host-{i}", "flood")).ToList();
        foreach (var alert in alerts)
            _host.Notify(alert, AlertState.Pending);

        await _host.WaitForNotificationsAsync("?target=flood&outcome=delivered", a => a.Count == 2, "the first two");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var received = await _flood.WaitForAsync(r => r.Count == 3, "the flood summary");

        var summary = received.Single(r => r.Kind == "FloodSummary");
        var folded = summary.Json["alerts"]!.AsArray().Select(a => (string)a!).ToList();
        var firing = received.Where(r => r.Kind == "Firing").Select(r => r.Fingerprint).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(firing, Has.Count.EqualTo(2));
            Assert.That(folded, Has.Count.EqualTo(3));
            Assert.That(firing.Concat(folded), Is.EquivalentTo(alerts.Select(a => a.Fingerprint)), "every alert is either sent or folded");
        });
    }

    private Task<JsonArray> DeliveredAsync(string fingerprint, int count) =>
        _host.WaitForNotificationsAsync($"?alert={fingerprint}&outcome=delivered", a => a.Count >= count, $"{count} delivered notifications of {fingerprint}");

    private static List<string> Kinds(Receiver receiver, string fingerprint) =>
        [.. receiver.Requests.Where(r => r.Fingerprint == fingerprint).Select(r => r.Kind)];
}
