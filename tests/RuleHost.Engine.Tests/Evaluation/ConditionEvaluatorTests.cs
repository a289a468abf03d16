using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Evaluation;

/// <summary>The pending → firing → resolved lifecycle shared by threshold, rate and anomaly rules, driven here through threshold rules.</summary>
public sealed class ConditionEvaluatorTests
{
    private const string HighCpu = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .For(TimeSpan.FromMinutes(2))
            .KeyBy(e => e.Service);
        """;

    [Test]
    public void Fires_at_once_without_pending_when_For_is_zero()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);
            """);

        h.Send(Seconds(10), value: 90);

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing" }));
        var fired = h.Last("HighCpu", "api");
        Assert.That(fired.Previous, Is.Null);
        Assert.That(fired.Alert.StartsAt, Is.EqualTo(At(Seconds(10))));
        Assert.That(fired.Alert.FiredAt, Is.EqualTo(At(Seconds(10))));
    }

    [Test]
    public void Late_true_event_extends_the_streak_backwards()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(60), value: 90);

        h.Send(Seconds(0), value: 95); // arrives late
        h.Send(Seconds(120), value: 91);

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing" }));
        var fired = h.Last("HighCpu", "api").Alert;
        Assert.That(fired.FiredAt, Is.EqualTo(At(Seconds(120))));
        Assert.That(fired.StartsAt, Is.EqualTo(At(Seconds(0))), "the alert began when the condition began to hold");
    }

    [Test]
    public void Late_true_event_can_complete_the_duration_on_its_own()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(120), value: 90);

        h.Send(Seconds(0), value: 95); // arrives late

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing" }));
        Assert.That(h.Last("HighCpu", "api").Alert.StartsAt, Is.EqualTo(At(Seconds(0))));
    }

    [Test]
    public void Late_false_event_older_than_the_newest_true_does_not_resolve_a_firing_alert()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(120), value: 90);

        h.Send(Seconds(60), value: 10); // arrives late

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing" }));
        h.Send(Seconds(180), value: 10);
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing", "Resolved" }));
    }

    [Test]
    public void Late_false_event_inside_a_pending_streak_keeps_it_pending_and_counts_from_the_newest_true()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(60), value: 90);

        h.Send(Seconds(30), value: 10); // arrives late: the condition did not hold at 30 s

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending" }));
        h.Send(Seconds(120), value: 90);
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Pending), "held only since 60 s");
        h.Send(Seconds(180), value: 90);
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing));
        Assert.That(h.Last("HighCpu", "api").Alert.FiredAt, Is.EqualTo(At(Seconds(180))));
    }

    [Test]
    public void Late_true_event_does_not_bridge_an_older_failure_that_also_arrived_late()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(60), value: 90);
        h.Send(Seconds(30), value: 10); // late: the streak cannot reach back past 30 s

        h.Send(Seconds(0), value: 95); // later still, and older than the failure
        h.Send(Seconds(120), value: 90);

        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Pending), "held only since 60 s");
        h.Send(Seconds(180), value: 90);
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing" }));
    }

    [Test]
    public void Late_true_event_does_not_bridge_a_late_failure_inside_the_streak()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(60), value: 90);
        h.Send(Seconds(90), value: 90);
        h.Send(Seconds(70), value: 10); // late: the condition did not hold at 70 s

        h.Send(Seconds(0), value: 95); // later still, and older than the failure
        h.Send(Seconds(150), value: 90);

        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Pending), "held only since 90 s");
        h.Send(Seconds(210), value: 90);
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing));
    }

    [Test]
    public void True_event_older_than_the_latest_failure_does_not_revive_a_resolved_alert()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(120), value: 90);
        h.Send(Seconds(180), value: 10);

        h.Send(Seconds(150), value: 95); // late, older than the failure that resolved it

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing", "Resolved" }));
        Assert.That(h.StateOf("HighCpu", "api"), Is.Null);
    }

    [Test]
    public void Events_at_the_same_instant_count_in_the_order_they_arrive()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);
            """);

        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(0), value: 10); // timestamps with whole seconds: same instant, later news
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));

        h.Send(Seconds(0), value: 95);
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing", "Resolved", "Firing" }));
    }

    [Test]
    public void ResolveWhen_keeps_the_alert_firing_until_the_resolve_condition_holds()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu")
                .Match(e => e.Metric == "cpu")
                .When(e => e.Value > 85)
                .ResolveWhen(e => e.Value < 70)
                .KeyBy(e => e.Service);
            """);
        h.Send(Seconds(0), value: 90);

        h.Send(Seconds(10), value: 80);
        h.Send(Seconds(20), value: 75);
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing), "between the two thresholds it keeps firing");

        h.Send(Seconds(30), value: 65);
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.Last("HighCpu", "api").Alert.EndsAt, Is.EqualTo(At(Seconds(30))));
    }

    [Test]
    public void ResolveWhen_does_not_hold_back_a_pending_alert()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu")
                .Match(e => e.Metric == "cpu")
                .When(e => e.Value > 85)
                .ResolveWhen(e => e.Value < 70)
                .For(TimeSpan.FromMinutes(2))
                .KeyBy(e => e.Service);
            """);
        h.Send(Seconds(0), value: 90);

        h.Send(Seconds(30), value: 80);

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Resolved" }));
    }

    private const string KeepFiring = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .KeepFiringFor(TimeSpan.FromMinutes(2))
            .KeyBy(e => e.Service);
        """;

    [Test]
    public void KeepFiringFor_resolves_once_the_condition_failed_that_long_in_event_time()
    {
        using var h = EngineHarness.With(KeepFiring);
        h.Send(Seconds(0), value: 90);

        h.Send(Seconds(60), value: 10);
        h.Send(Seconds(120), value: 10);
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing));

        h.Send(Seconds(180), value: 10);
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.Last("HighCpu", "api").Alert.EndsAt, Is.EqualTo(At(Seconds(180))));
    }

    [Test]
    public void KeepFiringFor_resolves_on_the_host_clock_when_no_further_event_arrives()
    {
        using var h = EngineHarness.With(KeepFiring);
        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(60), value: 10);

        h.AdvanceTo(Seconds(170));
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing));

        h.AdvanceTo(Seconds(180));
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.Last("HighCpu", "api").Alert.EndsAt, Is.EqualTo(At(Seconds(180))));
    }

    [Test]
    public void KeepFiringFor_starts_over_when_the_condition_holds_again()
    {
        using var h = EngineHarness.With(KeepFiring);
        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(60), value: 10);

        h.Send(Seconds(90), value: 90);
        h.AdvanceTo(Seconds(200));
        h.Send(Seconds(240), value: 10);
        h.Send(Seconds(300), value: 10);

        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing));
        h.Send(Seconds(360), value: 10);
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
    }

    [Test]
    public void KeepFiringFor_does_not_hold_back_a_pending_alert()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu")
                .Match(e => e.Metric == "cpu")
                .When(e => e.Value > 85)
                .For(TimeSpan.FromMinutes(2))
                .KeepFiringFor(TimeSpan.FromMinutes(2))
                .KeyBy(e => e.Service);
            """);
        h.Send(Seconds(0), value: 90);

        h.Send(Seconds(30), value: 10);

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Resolved" }));
    }
}
