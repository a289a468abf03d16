using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Evaluation;

public sealed class ThresholdEvaluatorTests
{
    private const string HighCpu = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .For(TimeSpan.FromMinutes(2))
            .KeyBy(e => e.Service)
            .Severity(Severity.Critical)
            .Summary(e => $"CPU {e.Value:F0}% on {e.Service}");
        """;

    [Test]
    public void Fires_after_condition_held_for_duration()
    {
        using var h = EngineHarness.With(HighCpu);

        h.Send(TimeSpan.Zero, value: 90);
        h.Send(TimeSpan.FromSeconds(60), value: 95);
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Pending));

        h.Send(TimeSpan.FromSeconds(120), value: 91);

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing" }));
        var fired = h.Transitions.Last().Alert;
        Assert.That(fired.Severity, Is.EqualTo(Severity.Critical));
        Assert.That(fired.Summary, Is.EqualTo("CPU 91% on api"));
        Assert.That(fired.StartsAt, Is.EqualTo(EngineHarness.Start));
    }

    [Test]
    public void Resolves_when_a_matched_event_fails_the_condition()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(TimeSpan.Zero, value: 90);
        h.Send(TimeSpan.FromMinutes(3), value: 90);

        h.Send(TimeSpan.FromMinutes(4), value: 10);

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing", "Resolved" }));
        Assert.That(h.Transitions.Last().Alert.EndsAt, Is.EqualTo(EngineHarness.Start + TimeSpan.FromMinutes(4)));
    }

    [Test]
    public void Fired_alert_records_when_it_fired_in_event_time()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), value: 90);

        h.Send(Seconds(150), value: 90);

        var fired = h.Last("HighCpu", "api");
        Assert.That(fired.Previous, Is.EqualTo(AlertState.Pending));
        Assert.That(fired.Alert.FiredAt, Is.EqualTo(At(Minutes(2))), "For is met two minutes after the streak began");
        Assert.That(fired.IsNotifiable, Is.True);
    }

    [Test]
    public void Keys_have_independent_lifecycles()
    {
        using var h = EngineHarness.With(HighCpu);

        h.Send(Seconds(0), service: "api", value: 90);
        h.Send(Seconds(30), service: "db", value: 95);
        h.Send(Seconds(60), service: "api", value: 90);
        h.Send(Seconds(90), service: "db", value: 10);
        h.Send(Seconds(120), service: "api", value: 91);
        h.Send(Seconds(150), service: "db", value: 96);
        h.Send(Seconds(200), service: "db", value: 97);

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing" }));
        Assert.That(h.History("HighCpu", "db"), Is.EqualTo(new[] { "Pending", "Resolved", "Pending" }));
        Assert.That(h.Last("HighCpu", "db").Alert.StartsAt, Is.EqualTo(At(Seconds(150))));
        Assert.That(h.Last("HighCpu", "api").Alert.Fingerprint, Is.Not.EqualTo(h.Last("HighCpu", "db").Alert.Fingerprint));
    }

    [Test]
    public void Pending_alert_that_never_fired_resolves_silently()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), value: 90);

        h.Send(Seconds(60), value: 10);

        var resolved = h.Last("HighCpu", "api");
        Assert.That(resolved.Alert.State, Is.EqualTo(AlertState.Resolved));
        Assert.That(resolved.Previous, Is.EqualTo(AlertState.Pending));
        Assert.That(resolved.Alert.FiredAt, Is.Null);
        Assert.That(resolved.IsNotifiable, Is.False);
        Assert.That(h.StateOf("HighCpu", "api"), Is.Null);
    }

    [Test]
    public void Firing_alert_is_not_fired_again_by_further_true_events()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(120), value: 90);

        h.Send(Seconds(180), value: 99);
        h.Send(Seconds(240), value: 92);

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing" }));
        Assert.That(h.Engine.Find("HighCpu")!.Find("api")!.Value, Is.EqualTo(92), "the value follows the latest event");
    }

    [Test]
    public void Ignores_events_its_Match_rejects()
    {
        using var h = EngineHarness.With(HighCpu);

        h.Send(Seconds(0), metric: "memory", value: 99);
        h.Send(Seconds(200), metric: "memory", value: 99);

        Assert.That(h.Transitions, Is.Empty);
        Assert.That(h.CountersOf("HighCpu").Matched, Is.Zero);
    }

    [Test]
    public void Alert_value_is_the_value_of_the_event_that_fired_it()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), value: 90);

        h.Send(Seconds(120), value: 97.5);

        Assert.That(h.Last("HighCpu", "api").Alert.Value, Is.EqualTo(97.5));
    }

    [Test]
    public void Rule_without_KeyBy_has_one_alert_for_every_source()
    {
        using var h = EngineHarness.With("""
            Rule("AnyHot").Match(e => e.Metric == "cpu").When(e => e.Value > 85);
            """);

        h.Send(Seconds(0), service: "api", value: 90);
        h.Send(Seconds(10), service: "db", value: 95);

        Assert.That(h.History("AnyHot"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.Last("AnyHot").Alert.Summary, Is.EqualTo("AnyHot"));
    }
}
