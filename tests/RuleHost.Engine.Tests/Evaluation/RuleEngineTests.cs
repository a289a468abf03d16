using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Evaluation;

public sealed class RuleEngineTests
{
    private const string HighCpu = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 85)
            .For(TimeSpan.FromMinutes(2))
            .KeyBy(e => e.Service);
        """;

    private const string HighCpuEdited = """
        Rule("HighCpu")
            .Match(e => e.Metric == "cpu")
            .When(e => e.Value > 80)
            .For(TimeSpan.FromMinutes(2))
            .KeyBy(e => e.Service)
            .Summary(e => $"edited: {e.Service}");
        """;

    [Test]
    public void Edit_keeps_a_firing_alert_firing_without_a_new_transition()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(120), value: 90);

        h.Edit("rules.csx", HighCpuEdited);
        h.Send(Seconds(180), value: 90);

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing" }));
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Firing));
        h.Send(Seconds(240), value: 10);
        var resolved = h.Last("HighCpu", "api").Alert;
        Assert.That(resolved.State, Is.EqualTo(AlertState.Resolved));
        Assert.That(resolved.StartsAt, Is.EqualTo(At(Seconds(0))), "the alert kept its start across the edit");
    }

    [Test]
    public void Edit_keeps_the_For_clock_of_a_pending_alert()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(60), value: 90);

        h.Edit("rules.csx", HighCpuEdited);
        h.Send(Seconds(120), value: 82); // true only under the edited condition

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Pending", "Firing" }));
        var fired = h.Last("HighCpu", "api").Alert;
        Assert.That(fired.StartsAt, Is.EqualTo(At(Seconds(0))));
        Assert.That(fired.Summary, Is.EqualTo("edited: api"), "the new version renders it");
    }

    [Test]
    public void Edit_keeps_the_counters_of_a_rule_with_the_same_name()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Service == "bad" ? throw new InvalidOperationException("v1") : e.Value > 85);
            """);
        h.Send(Seconds(0), value: 90);
        h.Send(Seconds(1), service: "bad", value: 90);
        h.Send(Seconds(2), value: 90);

        h.Edit("rules.csx", """
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Service == "bad" ? throw new InvalidOperationException("v2") : e.Value > 80);
            """);
        h.Send(Seconds(3), value: 90);
        h.Send(Seconds(4), service: "bad", value: 90);

        var counters = h.CountersOf("HighCpu");
        Assert.That(counters.Matched, Is.EqualTo(5));
        Assert.That(counters.Faults, Is.EqualTo(2));
        Assert.That(counters.LastError, Is.EqualTo("InvalidOperationException: v2"));
    }

    [Test]
    public void Edit_that_changes_a_rate_window_starts_the_window_afresh_but_keeps_the_alert()
    {
        const string rate = """
            Rate("Errors")
                .Match(e => e.Metric == "http")
                .Count(e => e.Tags["status"] == "500")
                .Over(TimeSpan.FromMinutes(WINDOW))
                .Above(0.5)
                .MinEvents(4)
                .KeyBy(e => e.Service);
            """;
        using var h = EngineHarness.With(rate.Replace("WINDOW", "5", StringComparison.Ordinal));
        for (var i = 0; i < 4; i++)
            Request(h, Seconds(i * 10), "500");

        h.Edit("rules.csx", rate.Replace("WINDOW", "10", StringComparison.Ordinal));
        Request(h, Seconds(40), "500");
        Request(h, Seconds(50), "500");

        Assert.That(h.History("Errors", "api"), Is.EqualTo(new[] { "Firing" }), "a window refilling after the edit does not resolve the alert");
        Request(h, Seconds(60), "200");
        Request(h, Seconds(70), "200"); // 2 of 4 since the edit; 6 of 8 had the old counts stayed
        Assert.That(h.History("Errors", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
    }

    [Test]
    public void Edit_that_keeps_the_rate_window_keeps_its_counts()
    {
        const string rate = """
            Rate("Errors")
                .Match(e => e.Metric == "http")
                .Count(e => e.Tags["status"] == "500")
                .Over(TimeSpan.FromMinutes(5))
                .Above(ABOVE)
                .MinEvents(4)
                .KeyBy(e => e.Service);
            """;
        using var h = EngineHarness.With(rate.Replace("ABOVE", "0.5", StringComparison.Ordinal));
        Request(h, Seconds(0), "500");
        Request(h, Seconds(10), "500");
        Request(h, Seconds(20), "200");

        h.Edit("rules.csx", rate.Replace("ABOVE", "0.6", StringComparison.Ordinal));
        Request(h, Seconds(30), "500");

        Assert.That(h.History("Errors", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.Last("Errors", "api").Alert.Value, Is.EqualTo(0.75));
    }

    [Test]
    public void Removing_a_rule_resolves_its_alerts_and_leaves_the_others()
    {
        using var h = EngineHarness.With("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);
            Rule("HighMemory").Match(e => e.Metric == "memory").When(e => e.Value > 90).KeyBy(e => e.Service);
            """);
        h.Send(Seconds(0), metric: "cpu", value: 90);
        h.Send(Seconds(0), metric: "memory", value: 95);
        h.AdvanceTo(Minutes(1));

        h.Edit("rules.csx", """
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);
            """);

        Assert.That(h.History("HighMemory", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        var resolved = h.Last("HighMemory", "api");
        Assert.That(resolved.IsNotifiable, Is.True);
        Assert.That(resolved.Alert.EndsAt, Is.EqualTo(At(Minutes(1))));
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.Engine.Find("HighMemory"), Is.Null);
    }

    [Test]
    public void Changing_the_kind_of_a_rule_resolves_its_alerts()
    {
        using var h = EngineHarness.With("""
            Rule("Api").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);
            """);
        h.Send(Seconds(0), metric: "cpu", value: 90);

        h.Edit("rules.csx", """
            Heartbeat("Api").Match(e => e.Metric == "cpu").KeyBy(e => e.Service).MissingFor(TimeSpan.FromMinutes(5));
            """);

        Assert.That(h.History("Api", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.CountersOf("Api").Matched, Is.Zero, "a different kind starts its counters afresh");
    }

    [Test]
    public void Rule_that_throws_is_counted_and_reported_while_the_rule_beside_it_keeps_firing()
    {
        using var h = EngineHarness.With("""
            Rule("Fragile")
                .Match(e => e.Metric == "cpu")
                .When(e => e.Service == "bad" ? throw new InvalidOperationException($"cannot judge {e.Service}") : e.Value > 85)
                .KeyBy(e => e.Service);
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);
            """);

        h.Send(Seconds(0), service: "bad", value: 90);
        h.Send(Seconds(1), service: "api", value: 90);
        h.Send(Seconds(2), service: "bad", value: 95);

        var fragile = h.CountersOf("Fragile");
        Assert.That(fragile.Faults, Is.EqualTo(2));
        Assert.That(fragile.LastError, Is.EqualTo("InvalidOperationException: cannot judge bad"));
        Assert.That(fragile.LastErrorAt, Is.EqualTo(At(Seconds(2))));
        Assert.That(h.History("Fragile", "api"), Is.EqualTo(new[] { "Firing" }), "it still judges the events it can");
        Assert.That(h.History("HighCpu", "bad"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.CountersOf("HighCpu").Faults, Is.Zero);
    }

    [Test]
    public void Match_or_KeyBy_that_throws_is_counted_against_its_rule()
    {
        using var h = EngineHarness.With("""
            Rule("BadMatch").Match(e => e.Fields["missing"] == "x").When(e => true);
            Rule("BadKey").Match(e => e.Metric == "cpu").When(e => true).KeyBy(e => e.Fields["missing"]);
            Rule("Fine").Match(e => e.Metric == "cpu").When(e => true);
            """);

        h.Send(Seconds(0), value: 1);

        Assert.That(h.CountersOf("BadMatch").Faults, Is.EqualTo(1));
        Assert.That(h.CountersOf("BadKey").Faults, Is.EqualTo(1));
        Assert.That(h.CountersOf("BadKey").LastError, Does.StartWith("KeyNotFoundException:"));
        Assert.That(h.History("Fine"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Rendering_that_throws_on_a_timer_is_counted_and_other_timers_still_run()
    {
        using var h = EngineHarness.With("""
            Heartbeat("Quiet").Match(e => e.Metric == "beat").KeyBy(e => e.Service).MissingFor(TimeSpan.FromMinutes(1))
                .Severity(e => throw new InvalidOperationException("no severity"));
            Heartbeat("Other").Match(e => e.Metric == "beat").KeyBy(e => e.Service).MissingFor(TimeSpan.FromMinutes(1));
            """);
        h.Send(Seconds(0), metric: "beat");

        h.AdvanceTo(Minutes(2));

        Assert.That(h.History("Quiet", "api"), Is.EqualTo(new[] { "Firing" }), "a failing severity falls back to the default");
        Assert.That(h.Last("Quiet", "api").Alert.Severity, Is.EqualTo(Severity.Warning));
        Assert.That(h.CountersOf("Quiet").Faults, Is.EqualTo(1));
        Assert.That(h.History("Other", "api"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Indexed_and_unindexed_rules_each_see_exactly_the_events_they_match()
    {
        using var h = EngineHarness.With("""
            Rule("Cpu").Match(e => e.Metric == "cpu").When(e => false);
            Rule("CpuOrMemory").Match(e => e.Metric is "cpu" or "memory").When(e => false);
            Rule("CpuOrMemoryTwice").Match(e => e.Metric is "cpu" or "memory" or "cpu").When(e => false);
            Rule("Api").Match(e => "api" == e.Service).When(e => false);
            Rule("CpuOnApi").Match(e => e.Metric == "cpu").Match(e => e.Service == "api").When(e => false);
            Rule("Positive").Match(e => e.Value > 0).When(e => false);
            Rule("CpuOrApi").Match(e => e.Metric == "cpu" || e.Service == "api").When(e => false);
            Rule("NotCpu").Match(e => e.Metric != "cpu").When(e => false);
            """);
        (string Service, string Metric, double Value)[] events =
        [
            ("api", "cpu", 1), ("api", "memory", 0), ("db", "cpu", 2), ("db", "memory", 3), ("db", "disk", 4), ("api", "disk", -1),
        ];

        for (var i = 0; i < events.Length; i++)
            h.Send(Seconds(i), service: events[i].Service, metric: events[i].Metric, value: events[i].Value);

        var expected = new Dictionary<string, long>
        {
            ["Cpu"] = 2, ["CpuOrMemory"] = 4, ["CpuOrMemoryTwice"] = 4, ["Api"] = 3, ["CpuOnApi"] = 1,
            ["Positive"] = 4, ["CpuOrApi"] = 4, ["NotCpu"] = 4,
        };
        Assert.That(expected.Keys.ToDictionary(r => r, r => h.CountersOf(r).Matched), Is.EqualTo(expected));
        Assert.That(
            h.Engine.Evaluators.Where(r => r.MatchKey is not null).Select(r => r.Spec.Name),
            Is.EquivalentTo(new[] { "Cpu", "CpuOrMemory", "CpuOrMemoryTwice", "Api", "CpuOnApi" }),
            "the rules the engine found through its index");
    }

    [Test]
    public void Indexed_rule_ignores_events_without_the_indexed_field()
    {
        using var h = EngineHarness.With("""
            Rule("Warn").Match(e => e.Severity == "warning").When(e => true);
            """);

        h.Send(Seconds(0), metric: "cpu");
        h.Send(new Event { Timestamp = At(Seconds(1)), Service = "api", Severity = "warning", Message = "disk filling up" });

        Assert.That(h.CountersOf("Warn").Matched, Is.EqualTo(1));
    }

    [Test]
    public void Forgets_keys_idle_for_an_hour_but_keeps_active_ones()
    {
        using var h = EngineHarness.With(HighCpu);
        h.Send(Seconds(0), service: "api", value: 90);
        h.Send(Seconds(0), service: "db", value: 10);

        h.AdvanceTo(Minutes(59));
        Assert.That(h.Engine.Find("HighCpu")!.Find("db"), Is.Not.Null);
        h.AdvanceTo(Minutes(62));

        Assert.That(h.Engine.Find("HighCpu")!.Find("db"), Is.Null);
        Assert.That(h.StateOf("HighCpu", "api"), Is.EqualTo(AlertState.Pending));
    }

    private static void Request(EngineHarness h, TimeSpan at, string status) =>
        h.Send(at, metric: "http", tags: new() { ["status"] = status });
}
