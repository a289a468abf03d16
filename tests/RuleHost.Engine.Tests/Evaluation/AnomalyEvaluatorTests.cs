using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Evaluation;

public sealed class AnomalyEvaluatorTests
{
    private static readonly double[] Baseline = [100, 102, 98, 101, 99, 100, 103, 97];

    private const string Latency = """
        Anomaly("LatencySpike")
            .Match(e => e.Metric == "latency")
            .Over(TimeSpan.FromHours(1))
            .Above(zScore: 3)
            .MinEvents(5)
            .KeyBy(e => e.Service);
        """;

    [Test]
    public void Fires_when_a_value_spikes_above_a_stable_baseline()
    {
        using var h = EngineHarness.With(Latency);
        var next = Feed(h, Baseline);
        Assert.That(h.Transitions, Is.Empty, "values within the baseline's spread are normal");

        h.Send(next, metric: "latency", value: 160);

        Assert.That(h.History("LatencySpike", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.Last("LatencySpike", "api").Alert.Value, Is.EqualTo(160));
    }

    [Test]
    public void Resolves_when_the_value_returns_to_the_baseline()
    {
        using var h = EngineHarness.With(Latency);
        var next = Feed(h, Baseline);
        h.Send(next, metric: "latency", value: 160);

        h.Send(next + Minutes(1), metric: "latency", value: 100);

        Assert.That(h.History("LatencySpike", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
    }

    [Test]
    public void Above_alone_ignores_a_drop()
    {
        using var h = EngineHarness.With(Latency);
        var next = Feed(h, Baseline);

        h.Send(next, metric: "latency", value: 40);

        Assert.That(h.Transitions, Is.Empty);
    }

    [Test]
    public void Below_fires_when_a_value_drops_under_the_baseline()
    {
        using var h = EngineHarness.With("""
            Anomaly("ThroughputDrop")
                .Match(e => e.Metric == "latency")
                .Over(TimeSpan.FromHours(1))
                .Below(zScore: 3)
                .MinEvents(5)
                .KeyBy(e => e.Service);
            """);
        var next = Feed(h, Baseline);

        h.Send(next, metric: "latency", value: 160);
        Assert.That(h.Transitions, Is.Empty, "Below alone ignores a spike");
        h.Send(next + Minutes(1), metric: "latency", value: 20);

        Assert.That(h.History("ThroughputDrop", "api"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Does_not_judge_values_before_the_baseline_has_MinEvents()
    {
        using var h = EngineHarness.With(Latency);
        var next = Feed(h, [100, 101, 99, 100]);

        h.Send(next, metric: "latency", value: 500);

        Assert.That(h.Transitions, Is.Empty);
    }

    [Test]
    public void Events_without_a_numeric_value_are_ignored()
    {
        using var h = EngineHarness.With(Latency);
        var next = Feed(h, [100, 101, 99, 100]);
        h.Send(next, metric: "latency", value: null);
        h.Send(next + Minutes(1), metric: "latency", value: double.NaN);
        h.Send(next + Minutes(2), metric: "latency", value: double.PositiveInfinity);

        h.Send(next + Minutes(3), metric: "latency", value: 500);
        Assert.That(h.Transitions, Is.Empty, "only four values count toward MinEvents");

        h.Send(next + Minutes(4), metric: "latency", value: 900);
        Assert.That(h.History("LatencySpike", "api"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Baseline_forgets_values_older_than_its_window()
    {
        using var h = EngineHarness.With(Latency);
        var next = Feed(h, Baseline);

        h.Send(next + TimeSpan.FromHours(2), metric: "latency", value: 500);

        Assert.That(h.Transitions, Is.Empty, "an empty baseline judges nothing");
    }

    /// <summary>Feed sends one value a minute from the start and returns the offset of the next minute.</summary>
    private static TimeSpan Feed(EngineHarness h, IEnumerable<double> values)
    {
        var at = TimeSpan.Zero;
        foreach (var value in values)
        {
            h.Send(at, metric: "latency", value: value);
            at += Minutes(1);
        }

        return at;
    }
}
