using RuleHost.Engine.Tests.Support;

namespace RuleHost.Engine.Tests.Evaluation;

public sealed class ThresholdRuleTests
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
}
