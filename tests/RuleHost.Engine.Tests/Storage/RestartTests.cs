using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Storage;
using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Storage;

/// <summary>RestartTests checkpoint one engine into a real SQLite file and carry on in a new engine, as after a restart.</summary>
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RestartTests
{
    private const string HighCpu = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .For(TimeSpan.FromMinutes(2))
            .KeyBy(e => e.Service)
            .Summary(e => $"CPU {e.Value} on {e.Service}");
        """;

    private const string Heartbeat = """
        Heartbeat("ApiHeartbeat")
            .Match(e => e.Metric == "heartbeat")
            .KeyBy(e => e.Service)
            .MissingFor(TimeSpan.FromMinutes(5))
            .Summary(e => $"{e.Service} went quiet");
        """;

    private const string ErrorRate = """
        Rate("Errors")
            .Match(e => e.Metric == "http")
            .Count(e => e.Tags["status"] == "500")
            .Over(TimeSpan.FromMinutes(5))
            .Above(0.5)
            .MinEvents(4)
            .KeyBy(e => e.Service);
        """;

    private RuleFolder _data = null!;
    private SqliteStateStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _data = new RuleFolder();
        _store = new SqliteStateStore(new StateDatabase(_data.Root));
    }

    [TearDown]
    public void TearDown() => _data.Dispose();

    [Test]
    public void A_pending_alert_keeps_its_For_clock_across_a_restart()
    {
        using (var before = EngineHarness.With(HighCpu))
        {
            before.Send(Seconds(0), value: 90);
            Assert.That(before.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Pending));
            Save(before);
        }

        using var after = EngineHarness.Restarted(HighCpu, Load(), At(Minutes(1)));
        after.Send(Minutes(2), value: 95);

        Assert.That(after.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing" }), "fires on the saved streak, with no second pending");
        Assert.That(after.Last("HighCpu", "api").Alert.StartsAt, Is.EqualTo(At(Seconds(0))));
    }

    [Test]
    public void A_firing_alert_is_still_firing_with_its_fingerprint_and_start_and_is_not_notified_again()
    {
        Alert fired;
        using (var before = EngineHarness.With(HighCpu))
        {
            before.Send(Seconds(0), value: 90);
            before.Send(Minutes(2), value: 91);
            fired = before.Last("HighCpu", "api").Alert;
            Assert.That(fired.State, Is.EqualTo(AlertState.Firing));
            Save(before);
        }

        using var after = EngineHarness.Restarted(HighCpu, Load(), At(Minutes(3)));
        Assert.That(after.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing));
        after.Send(Minutes(3), value: 92);
        Assert.That(after.Transitions, Is.Empty, "still firing: nothing new to notify");

        after.Send(Minutes(4), value: 10);
        var resolved = after.Last("HighCpu", "api").Alert;
        Assert.That(resolved.State, Is.EqualTo(AlertState.Resolved));
        Assert.That(resolved.Fingerprint, Is.EqualTo(fired.Fingerprint));
        Assert.That(resolved.StartsAt, Is.EqualTo(fired.StartsAt));
        Assert.That(resolved.Summary, Is.EqualTo("CPU 91 on api"));
    }

    [Test]
    public void A_heartbeat_that_went_quiet_while_the_host_was_down_fires_on_the_first_tick()
    {
        using (var before = EngineHarness.With(Heartbeat))
        {
            before.Send(Seconds(0), metric: "heartbeat");
            Save(before);
        }

        using var after = EngineHarness.Restarted(Heartbeat, Load(), At(Minutes(30)));
        after.AdvanceTo(Minutes(30));

        Assert.That(after.History("ApiHeartbeat", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(after.Last("ApiHeartbeat", "api").Alert.Summary, Is.EqualTo("api went quiet"), "described from the last event, saved too");
    }

    [Test]
    public void A_rate_window_carries_its_counts_across_a_restart()
    {
        using (var before = EngineHarness.With(ErrorRate))
        {
            before.Send(Seconds(0), metric: "http", tags: new() { ["status"] = "500" });
            before.Send(Seconds(1), metric: "http", tags: new() { ["status"] = "500" });
            before.Send(Seconds(2), metric: "http", tags: new() { ["status"] = "200" });
            Save(before);
        }

        using var after = EngineHarness.Restarted(ErrorRate, Load(), At(Seconds(3)));
        after.Send(Seconds(3), metric: "http", tags: new() { ["status"] = "500" });

        Assert.That(after.History("Errors", "api"), Is.EqualTo(new[] { "Firing" }), "3 of 4 events failed: the 3 before the restart counted");
        Assert.That(after.Last("Errors", "api").Alert.Value, Is.EqualTo(0.75));
    }

    [Test]
    public void A_saved_alert_whose_rule_was_deleted_meanwhile_resolves()
    {
        using (var before = EngineHarness.With(HighCpu))
        {
            before.Send(Seconds(0), value: 90);
            before.Send(Minutes(2), value: 91);
            Save(before);
        }

        using var after = EngineHarness.Restarted(Heartbeat, Load(), At(Minutes(10)));

        var resolved = after.Last("HighCpu", "api");
        Assert.That(resolved.Alert.State, Is.EqualTo(AlertState.Resolved));
        Assert.That(resolved.Previous, Is.EqualTo(AlertState.Firing));
        Assert.That(resolved.IsNotifiable, Is.True, "receivers heard it fire, so they hear it resolve");
        Save(after);
        Assert.That(Load().Where(t => t.Rule == "HighCpu"), Is.Empty, "and its tracks are dropped");
    }

    [Test]
    public void Forgotten_keys_leave_the_store()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), value: 10);
        Save(h);
        Assert.That(Load().Select(t => t.Key), Is.EqualTo(new[] { "api" }));

        h.AdvanceTo(TimeSpan.FromHours(3)); // idle keys are swept after an hour
        Save(h);

        Assert.That(Load(), Is.Empty);
    }

    private void Save(EngineHarness harness)
    {
        var batch = new StateBatch();
        batch.Add(harness.Engine.Checkpoint());
        _store.Write(batch);
    }

    private IReadOnlyList<TrackState> Load() => _store.Load(100).Tracks;
}
