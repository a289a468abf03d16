using RuleHost.Engine.Alerts;
using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Evaluation;

/// <summary>What every rule kind shares: presentation of the alert, its identity and the host-clock ResolveAfter timer.</summary>
public sealed class RuleEvaluatorTests
{
    [Test]
    public void ResolveAfter_resolves_an_alert_when_no_matching_event_arrives_for_that_long()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service)
                .ResolveAfter(TimeSpan.FromMinutes(10));
            """);
        h.Send(Seconds(0), value: 90);

        h.AdvanceTo(Minutes(9));
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing));

        h.AdvanceTo(Minutes(10));
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.Last("HighCpu", "api").Alert.EndsAt, Is.EqualTo(At(Minutes(10))));
    }

    [Test]
    public void ResolveAfter_counts_from_the_latest_matching_event()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service)
                .ResolveAfter(TimeSpan.FromMinutes(10));
            """);
        h.Send(Seconds(0), value: 90);
        h.Send(Minutes(5), value: 91);
        h.Send(Minutes(6), metric: "memory", value: 91); // not matched: does not count as a sign of life

        h.AdvanceTo(Minutes(14));
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing));

        h.AdvanceTo(Minutes(15));
        Assert.That(h.StateOf("HighCpu", "api"), Is.Null);
    }

    [Test]
    public void ResolveAfter_resolves_a_pending_alert_silently()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service)
                .For(TimeSpan.FromMinutes(2)).ResolveAfter(TimeSpan.FromMinutes(1));
            """);
        h.Send(Seconds(0), value: 90);

        h.AdvanceTo(Minutes(1));

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Resolved" }));
        Assert.That(h.Last("HighCpu", "api").IsNotifiable, Is.False);
    }

    [Test]
    public void Severity_can_be_computed_from_the_event()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service)
                .Severity(e => e.Value > 95 ? Severity.Critical : Severity.Warning);
            """);

        h.Send(Seconds(0), service: "api", value: 90);
        h.Send(Seconds(0), service: "db", value: 99);

        Assert.That(h.Last("HighCpu", "api").Alert.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(h.Last("HighCpu", "db").Alert.Severity, Is.EqualTo(Severity.Critical));
    }

    [Test]
    public void Severity_defaults_to_warning()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85);
            """);

        h.Send(Seconds(0), value: 90);

        Assert.That(h.Last("HighCpu").Alert.Severity, Is.EqualTo(Severity.Warning));
    }

    [Test]
    public void Labels_description_runbook_and_targets_are_rendered_onto_the_alert()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service)
                .Label("team", "payments")
                .Label("zone", e => e.Tags["zone"])
                .Description(e => $"{e.Service} has been hot; last sample {e.Value}")
                .Runbook("https://runbooks.example.com/cpu")
                .NotifyTo("ops-slack", "oncall-pagerduty");
            """);

        h.Send(Seconds(0), value: 90, tags: new() { ["zone"] = "eu-1" });

        var alert = h.Last("HighCpu", "api").Alert;
        Assert.That(alert.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["team"] = "payments", ["zone"] = "eu-1" }));
        Assert.That(alert.Description, Is.EqualTo("api has been hot; last sample 90"));
        Assert.That(alert.Runbook, Is.EqualTo("https://runbooks.example.com/cpu"));
        Assert.That(alert.Targets, Is.EqualTo(new[] { "ops-slack", "oncall-pagerduty" }));
    }

    [Test]
    public void Default_summary_names_the_rule_and_the_key()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);
            Rule("AnyHot").Match(e => e.Metric == "cpu").When(e => e.Value > 85);
            """);

        h.Send(Seconds(0), value: 90);

        Assert.That(h.Last("HighCpu", "api").Alert.Summary, Is.EqualTo("HighCpu on api"));
        Assert.That(h.Last("AnyHot").Alert.Summary, Is.EqualTo("AnyHot"));
        Assert.That(h.Last("AnyHot").Alert.Description, Is.Null);
    }

    [Test]
    public void Summary_that_throws_falls_back_to_the_default_and_counts_a_fault()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service)
                .Summary(e => throw new InvalidOperationException("no summary today"));
            """);

        h.Send(Seconds(0), value: 90);

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.Last("HighCpu", "api").Alert.Summary, Is.EqualTo("HighCpu on api"));
        var counters = h.CountersOf("HighCpu");
        Assert.That(counters.Faults, Is.EqualTo(1));
        Assert.That(counters.LastError, Is.EqualTo("InvalidOperationException: no summary today"));
        Assert.That(counters.LastErrorAt, Is.EqualTo(At(Seconds(0))));
    }

    [Test]
    public void Label_that_throws_renders_empty_and_counts_a_fault()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85)
                .Label("owner", e => e.Fields["owner"]);
            """);

        h.Send(Seconds(0), value: 90);

        Assert.That(h.Last("HighCpu").Alert.Labels["owner"], Is.Empty);
        Assert.That(h.CountersOf("HighCpu").Faults, Is.EqualTo(1));
    }

    [Test]
    public void Labels_dropped_by_an_edit_are_gone_the_next_time_the_alert_fires()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service)
                .Label("team", "payments").Description("hot");
            """);
        h.Send(Seconds(0), value: 90);

        h.Edit("rules.csx", """
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);
            """);
        h.Send(Seconds(10), value: 10);
        h.Send(Seconds(20), value: 90);

        var fired = h.Last("HighCpu", "api").Alert;
        Assert.That(fired.State, Is.EqualTo(AlertState.Firing));
        Assert.That(fired.Labels, Is.Empty);
        Assert.That(fired.Description, Is.Null);
    }

    [Test]
    public void Fingerprint_is_the_hash_of_rule_and_key_and_stays_the_same_across_transitions()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service)
                .For(TimeSpan.FromMinutes(1));
            """);

        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(60), value: 90);
        h.Send(Seconds(120), value: 10);

        var fingerprints = h.Transitions.Select(t => t.Alert.Fingerprint).Distinct();
        Assert.That(fingerprints, Is.EqualTo(new[] { Fingerprint.Of("HighCpu", "api") }));
    }
}
