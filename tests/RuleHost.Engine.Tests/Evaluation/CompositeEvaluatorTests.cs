using RuleHost.Engine.Tests.Support;
using static RuleHost.Engine.Tests.Support.Time;

namespace RuleHost.Engine.Tests.Evaluation;

public sealed class CompositeEvaluatorTests
{
    private const string Components = """
        Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);
        Rule("HighMemory").Match(e => e.Metric == "memory").When(e => e.Value > 90).KeyBy(e => e.Service);
        Rule("SlowCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).For(TimeSpan.FromMinutes(5)).KeyBy(e => e.Service);
        """;

    private const string Composites = Components + """

        Composite("Degraded").AllOf("HighCpu", "HighMemory").Summary(e => $"{e.Service} is degraded");
        Composite("Busy").AnyOf("HighCpu", "HighMemory");
        """;

    [Test]
    public void AllOf_fires_only_when_every_component_fires_for_the_same_key()
    {
        using var h = EngineHarness.With(Composites);

        h.Send(Seconds(0), service: "api", metric: "cpu", value: 90);
        h.Send(Seconds(10), service: "db", metric: "memory", value: 95);
        Assert.That(h.Transitions.Where(t => t.Alert.Rule == "Degraded"), Is.Empty, "the components fire for different keys");

        h.Send(Seconds(20), service: "api", metric: "memory", value: 95);

        Assert.That(h.History("Degraded", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.History("Degraded", "db"), Is.Empty);
        var fired = h.Last("Degraded", "api").Alert;
        Assert.That(fired.StartsAt, Is.EqualTo(At(Seconds(20))));
        Assert.That(fired.Summary, Is.EqualTo("api is degraded"), "rendered from the event that completed it");
    }

    [Test]
    public void AllOf_resolves_when_one_component_resolves()
    {
        using var h = EngineHarness.With(Composites);
        h.Send(Seconds(0), metric: "cpu", value: 90);
        h.Send(Seconds(10), metric: "memory", value: 95);

        h.Send(Seconds(20), metric: "cpu", value: 10);

        Assert.That(h.History("Degraded", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.Last("Degraded", "api").Alert.EndsAt, Is.EqualTo(At(Seconds(20))));
        Assert.That(h.StateOf("HighMemory", "api"), Is.EqualTo(AlertState.Firing));
    }

    [Test]
    public void AnyOf_fires_with_the_first_component_and_resolves_with_the_last()
    {
        using var h = EngineHarness.With(Composites);

        h.Send(Seconds(0), metric: "cpu", value: 90);
        Assert.That(h.History("Busy", "api"), Is.EqualTo(new[] { "Firing" }));
        h.Send(Seconds(10), metric: "memory", value: 95);
        h.Send(Seconds(20), metric: "cpu", value: 10);
        Assert.That(h.History("Busy", "api"), Is.EqualTo(new[] { "Firing" }), "memory still fires");

        h.Send(Seconds(30), metric: "memory", value: 10);

        Assert.That(h.History("Busy", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
    }

    [Test]
    public void Pending_components_do_not_count()
    {
        using var h = EngineHarness.With(Components + """

            Composite("SlowDegraded").AllOf("SlowCpu", "HighMemory");
            """);

        h.Send(Seconds(0), metric: "cpu", value: 90);
        h.Send(Seconds(10), metric: "memory", value: 95);
        Assert.That(h.StateOf("SlowCpu", "api"), Is.EqualTo(AlertState.Pending));
        Assert.That(h.History("SlowDegraded", "api"), Is.Empty);

        h.Send(Minutes(5), metric: "cpu", value: 90);

        Assert.That(h.History("SlowDegraded", "api"), Is.EqualTo(new[] { "Firing" }));
    }

    [Test]
    public void Composite_over_a_composite_follows_it()
    {
        using var h = EngineHarness.With(Composites + """

            Rule("HighDisk").Match(e => e.Metric == "disk").When(e => e.Value > 95).KeyBy(e => e.Service);
            Composite("Critical").AllOf("Degraded", "HighDisk");
            """);
        h.Send(Seconds(0), metric: "disk", value: 99);
        h.Send(Seconds(10), metric: "cpu", value: 90);
        Assert.That(h.History("Critical", "api"), Is.Empty);

        h.Send(Seconds(20), metric: "memory", value: 95);
        Assert.That(h.History("Critical", "api"), Is.EqualTo(new[] { "Firing" }));

        h.Send(Seconds(30), metric: "memory", value: 10);
        Assert.That(h.History("Degraded", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.History("Critical", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
    }

    [Test]
    public void Composite_added_while_its_components_fire_fires_on_reload()
    {
        using var h = EngineHarness.With(Components);
        h.Send(Seconds(0), service: "api", metric: "cpu", value: 90);
        h.Send(Seconds(0), service: "api", metric: "memory", value: 95);
        h.Send(Seconds(0), service: "db", metric: "cpu", value: 90);
        h.AdvanceTo(Minutes(1));

        h.Folder.Write("composites.csx", """Composite("Degraded").AllOf("HighCpu", "HighMemory");""");
        h.Refresh("composites.csx");

        Assert.That(h.History("Degraded", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.History("Degraded", "db"), Is.Empty);
        Assert.That(h.Last("Degraded", "api").Alert.StartsAt, Is.EqualTo(At(Minutes(1))), "it began when it was added");
    }

    [Test]
    public void Composite_added_in_the_same_file_as_its_firing_components_fires_on_reload()
    {
        using var h = EngineHarness.With(Components);
        h.Send(Seconds(0), metric: "cpu", value: 90);
        h.Send(Seconds(0), metric: "memory", value: 95);

        h.Edit("rules.csx", Composites);

        Assert.That(h.History("Degraded", "api"), Is.EqualTo(new[] { "Firing" }));
        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing" }), "the components were edited, not restarted");
    }

    [Test]
    public void Edited_composite_judges_its_keys_again()
    {
        using var h = EngineHarness.With(Components + """

            Composite("Busy").AnyOf("HighCpu", "HighMemory");
            """);
        h.Send(Seconds(0), service: "api", metric: "cpu", value: 90);
        h.Send(Seconds(0), service: "db", metric: "cpu", value: 90);
        h.Send(Seconds(0), service: "db", metric: "memory", value: 95);

        h.Edit("rules.csx", Components + """

            Composite("Busy").AllOf("HighCpu", "HighMemory");
            """);

        Assert.That(h.History("Busy", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }), "api no longer meets AllOf");
        Assert.That(h.History("Busy", "db"), Is.EqualTo(new[] { "Firing" }), "db still does, and is not fired again");
    }

    [Test]
    public void Removing_a_component_rule_resolves_the_composite()
    {
        using var h = new EngineHarness();
        h.Folder.Write("cpu.csx", """Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85).KeyBy(e => e.Service);""");
        h.Folder.Write("mem.csx", """Rule("HighMemory").Match(e => e.Metric == "memory").When(e => e.Value > 90).KeyBy(e => e.Service);""");
        h.Folder.Write("composite.csx", """Composite("Busy").AnyOf("HighCpu", "HighMemory");""");
        h.Load();
        h.Send(Seconds(0), metric: "cpu", value: 90);

        h.Remove("cpu.csx");

        Assert.That(h.History("HighCpu", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
        Assert.That(h.History("Busy", "api"), Is.EqualTo(new[] { "Firing", "Resolved" }));
    }
}
