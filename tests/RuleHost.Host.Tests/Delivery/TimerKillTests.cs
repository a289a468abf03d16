using System.Text;
using RuleHost.Engine.Alerts;
using RuleHost.Host.Tests.Delivery.Support;
using RuleHost.Host.Tests.Support;
using static RuleHost.Host.Tests.Support.Events;

namespace RuleHost.Host.Tests.Delivery;

/// <summary>Escalations and flood summaries carry on after a real <c>rulehost</c> child is killed with SIGKILL and a new one starts on the same data folder.</summary>
/// <remarks>
/// The children run on the real clock, so the rules' delays are seconds. Events carry timestamps of 2026-01-01 (long
/// past), so an alert's own FiredAt is long past too: a host that lost the saved timers and counted from it would
/// escalate at once at start, and one that counted from the replayed Firing would escalate a delay after the restart;
/// the tests tell both from the right answer. One notification is sent at a time (MaxConcurrency 1), in the order made,
/// so <see cref="SettleAsync"/> can tell that everything made by now has been delivered.
/// Two ways back after the kill: the state was checkpointed first (<see cref="WaitForCheckpointAsync"/>; the restart
/// replays nothing and takes the alerts over as saved), or it was not (a checkpoint every hour; the journal replay
/// announces the alert's Firing a second time).
/// </remarks>
public sealed class TimerKillTests
{
    private static readonly TimeSpan LateEscalation = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SoonEscalation = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SecondEscalation = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FloodInterval = TimeSpan.FromSeconds(5);

    private static readonly string Rules = $$"""
        Rule("EscalatesLate")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .EscalateTo("boss", after: TimeSpan.FromSeconds({{LateEscalation.TotalSeconds}}))
            .NotifyTo("hook");

        Rule("EscalatesSoon")
            .Match(e => e.Metric == "mem")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .EscalateTo("boss", after: TimeSpan.FromSeconds({{SoonEscalation.TotalSeconds}}))
            .EscalateTo("director", after: TimeSpan.FromSeconds({{SecondEscalation.TotalSeconds}}))
            .NotifyTo("hook");

        Rule("Flooding")
            .Match(e => e.Metric == "disk")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .NotifyTo("flood");

        Rule("Sentinel")
            .Match(e => e.Metric == "sentinel")
            .When(e => e.Value > 85)
            .KeyBy(e => e.Service)
            .NotifyTo("hook");
        """;

    // Every target renders with it, so a receiver tells an escalation or a summary from a firing (ReceivedRequest.Kind).
    private const string Template = """
        @model RuleHost.Notifications.NotificationModel
        {"kind": "@Model.Kind", "fingerprint": "@Model.Alert.Fingerprint", "alerts": @Json(Model.Alerts.Select(a => a.Fingerprint).ToList())}
        """;

    private RuleFolder _folder = null!;
    private Receiver _hook = null!;
    private Receiver _boss = null!;
    private Receiver _director = null!;
    private Receiver _flood = null!;
    private readonly List<ChildHost> _hosts = [];
    private int _sentinels;

    [SetUp]
    public async Task Start()
    {
        _folder = new RuleFolder();
        _folder.Write("rules.csx", Rules);
        _folder.Write("templates/kind.cshtml", Template);
        _hook = await Receiver.StartAsync();
        _boss = await Receiver.StartAsync();
        _director = await Receiver.StartAsync();
        _flood = await Receiver.StartAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            foreach (var (host, i) in _hosts.Select((h, i) => (h, i)))
                TestContext.Out.WriteLine($"host {i + 1} output:\n  " + string.Join("\n  ", host.Output));
        }

        foreach (var host in _hosts)
            await host.DisposeAsync();
        _hosts.Clear();
        await _hook.DisposeAsync();
        await _boss.DisposeAsync();
        await _director.DisposeAsync();
        await _flood.DisposeAsync();
        _folder.Dispose();
    }

    [Test]
    public async Task An_escalation_not_yet_due_at_a_SIGKILL_is_made_once_by_the_next_host_when_it_falls_due()
    {
        var fingerprint = Fingerprint.Of("EscalatesLate", "api");
        var first = await StartHostAsync(checkpointEvery: "00:00:00.100");
        var posted = DateTimeOffset.UtcNow;
        await PostAsync(first, Metric("api", "cpu", 95, Minutes(0)));
        await _hook.WaitForAsync(r => r.Any(x => x.Fingerprint == fingerprint), "the Firing");
        await WaitForCheckpointAsync();
        await first.KillAsync();
        Assert.That(_boss.Requests, Is.Empty, $"the escalation fell due before the kill: the test needs a longer delay than {LateEscalation}");

        var second = await StartHostAsync(checkpointEvery: "00:00:00.100");
        var escalation = (await _boss.WaitForAsync(r => r.Count >= 1, "the escalation"))[0];
        await SettleAsync(second);

        Assert.Multiple(() =>
        {
            Assert.That(Kinds(_boss, fingerprint), Is.EqualTo(new[] { "Escalation" }));

            // Only a lower bound, which no load can break: the escalation is due LateEscalation after the host first
            // heard the alert firing, which was after the post (the saved time is to the millisecond, hence the 1 ms).
            Assert.That(escalation.At, Is.GreaterThanOrEqualTo(posted + LateEscalation - TimeSpan.FromMilliseconds(1)), "not before it was due");
        });
    }

    [Test]
    public async Task An_escalation_made_before_a_SIGKILL_is_not_made_again_by_the_next_host()
    {
        var fingerprint = Fingerprint.Of("EscalatesSoon", "api");
        var first = await StartHostAsync(checkpointEvery: "00:00:00.100");
        await PostAsync(first, Metric("api", "mem", 95, Minutes(0)));
        await _boss.WaitForAsync(r => r.Count == 1, "the escalation to boss");
        await SettleAsync(first); // the escalation's batch, timers included, is saved
        await WaitForCheckpointAsync();
        await first.KillAsync();

        var second = await StartHostAsync(checkpointEvery: "00:00:00.100");
        await SettleAsync(second); // an escalation made again at start would be delivered by now
        await _director.WaitForAsync(r => r.Count >= 1, "the escalation to director, on either side of the kill");
        await SettleAsync(second);

        Assert.Multiple(() =>
        {
            Assert.That(Kinds(_boss, fingerprint), Is.EqualTo(new[] { "Escalation" }));
            Assert.That(Kinds(_director, fingerprint), Is.EqualTo(new[] { "Escalation" }));
        });
    }

    [Test]
    public async Task Notifications_folded_by_flood_control_reach_the_target_in_a_summary_after_a_SIGKILL()
    {
        var services = Enumerable.Range(1, 5).Select(i => $"host-{i}").ToList();
        var first = await StartHostAsync(checkpointEvery: "00:00:00.100");
        await PostAsync(first, [.. services.Select(s => Metric(s, "disk", 95, Minutes(0)))]);
        await _flood.WaitForAsync(r => r.Count == 2, "the two notifications the flood limit lets through");
        await WaitForCheckpointAsync(); // the checkpoint waits for the outbox and the timers of every event it covers
        await first.KillAsync();
        var passed = _flood.Requests.ToList();
        Assert.That(passed.Select(r => r.Kind), Is.EqualTo(new[] { "Firing", "Firing" }), $"the flood interval ended before the kill: the test needs a longer one than {FloodInterval}");

        var second = await StartHostAsync(checkpointEvery: "00:00:00.100");
        await _flood.WaitForAsync(r => r.Any(x => x.Kind == "FloodSummary"), "the flood summary");
        await SettleAsync(second);
        var summary = _flood.Requests.Single(x => x.Kind == "FloodSummary");

        var folded = summary.Json["alerts"]!.AsArray().Select(a => (string)a!).ToList();
        var all = services.Select(s => Fingerprint.Of("Flooding", s)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(folded, Is.EquivalentTo(all.Except(passed.Select(r => r.Fingerprint))), "the summary carries every alert the first host folded");
            Assert.That(_flood.Requests.Select(r => r.Kind), Is.EqualTo(new[] { "Firing", "Firing", "FloodSummary" }), "nothing was sent twice");
        });
    }

    [Test]
    public async Task When_the_journal_replay_announces_a_firing_alert_again_its_escalations_are_neither_reset_nor_doubled()
    {
        var fingerprint = Fingerprint.Of("EscalatesSoon", "api");
        var first = await StartHostAsync(checkpointEvery: "01:00:00"); // SIGKILL comes before any checkpoint: every event is evaluated again
        await PostAsync(first, Metric("api", "mem", 95, Minutes(0)));
        var firing = (await _hook.WaitForAsync(r => r.Any(x => x.Fingerprint == fingerprint), "the Firing")).Single(x => x.Fingerprint == fingerprint);
        await _boss.WaitForAsync(r => r.Count == 1, "the escalation to boss");
        await SettleAsync(first); // the escalation's batch, timers included, is saved
        await first.KillAsync();
        Assert.That(_director.Requests, Is.Empty, $"the escalation to director fell due before the kill: the test needs a longer delay than {SecondEscalation}");

        // The escalation to director falls due while no host runs (it is due SecondEscalation after the host first heard
        // the alert firing, which was before the hook got the Firing): the real-clock counterpart of advancing a fake clock.
        await WaitUntilAsync(firing.At + SecondEscalation);
        var second = await StartHostAsync(checkpointEvery: "01:00:00");
        await _hook.WaitForAsync(r => r.Count(x => x.Fingerprint == fingerprint) == 2, "the Firing announced again by the journal replay");
        await SettleAsync(second); // an escalation due at start is delivered by now; one reset to the restart would come later

        Assert.Multiple(() =>
        {
            Assert.That(Kinds(_director, fingerprint), Is.EqualTo(new[] { "Escalation" }), "the escalation to director, overdue, went out at start");
            Assert.That(Kinds(_boss, fingerprint), Is.EqualTo(new[] { "Escalation" }), "the escalation to boss was not made again");
        });
    }

    /// <summary>StartHostAsync starts a child host on the test's folder, its targets the test's receivers.</summary>
    private async Task<ChildHost> StartHostAsync(string checkpointEvery)
    {
        _folder.WriteConfig($$"""
            { "RuleHost": {
                "CheckpointInterval": "{{checkpointEvery}}",
                "Delivery": { "MaxConcurrency": 1, "RetryDelay": "00:00:00.020", "MaxInMemoryWait": "00:00:00.500" },
                "Targets": {
                    "hook": { "Sink": "webhook", "Url": "{{_hook.Url}}", "Template": "kind.cshtml" },
                    "boss": { "Sink": "webhook", "Url": "{{_boss.Url}}", "Template": "kind.cshtml" },
                    "director": { "Sink": "webhook", "Url": "{{_director.Url}}", "Template": "kind.cshtml" },
                    "flood": { "Sink": "webhook", "Url": "{{_flood.Url}}", "Template": "kind.cshtml", "FloodLimit": 2, "FloodInterval": "{{FloodInterval}}" } } } }
            """);
        var host = await ChildHost.StartAsync(_folder);
        _hosts.Add(host);
        return host;
    }

    private static async Task PostAsync(ChildHost host, params object[] events)
    {
        using var posted = await host.Http.PostAsync("/api/v1/events", new StringContent(Json(events), Encoding.UTF8, "application/json"));
        Assert.That((int)posted.StatusCode, Is.EqualTo(202), await posted.Content.ReadAsStringAsync());
    }

    /// <summary>SettleAsync returns once everything the host made by now is delivered: two sentinel alerts, one after the other.</summary>
    /// <remarks>The first one's batch holds every timer due by now (or a later batch does not); the second goes out after all of them.</remarks>
    private async Task SettleAsync(ChildHost host)
    {
        for (var i = 0; i < 2; i++)
        {
            var key = $"s-{++_sentinels}";
            await PostAsync(host, Metric(key, "sentinel", 95, Minutes(0)));
            var fingerprint = Fingerprint.Of("Sentinel", key);
            await _hook.WaitForAsync(r => r.Any(x => x.Fingerprint == fingerprint), $"the sentinel {key}");
        }
    }

    /// <summary>WaitForCheckpointAsync waits until a checkpoint covers every event accepted so far: a restart then evaluates none again.</summary>
    /// <remarks>
    /// The sign is the journal: its segments are deleted once a committed checkpoint covers them (<c>EventJournal.Trim</c>),
    /// and a checkpoint is committed only after the outbox and the timers of the notifications its events made.
    /// </remarks>
    private async Task WaitForCheckpointAsync()
    {
        var journal = Path.Combine(_folder.Data, "journal");
        using var timeout = new CancellationTokenSource(HostFixture.Timeout);
        while (Directory.EnumerateFiles(journal, "*.journal").Any())
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no checkpoint covered the journal within {HostFixture.Timeout}: {string.Join(", ", Directory.EnumerateFiles(journal))}");
            }
        }
    }

    /// <summary>WaitUntilAsync waits until the real clock reaches <paramref name="at"/>: what a test on a fake clock does with Advance.</summary>
    private static async Task WaitUntilAsync(DateTimeOffset at)
    {
        var left = at - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero)
            await Task.Delay(left + TimeSpan.FromMilliseconds(10));
    }

    private static List<string> Kinds(Receiver receiver, string fingerprint) =>
        [.. receiver.Requests.Where(r => r.Fingerprint == fingerprint).Select(r => r.Kind)];
}
