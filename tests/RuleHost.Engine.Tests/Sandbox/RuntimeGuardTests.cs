using RuleHost.Engine.Tests.Support;

namespace RuleHost.Engine.Tests.Sandbox;

/// <summary>Every folder under Sandbox/Stopped holds a hostile rule that compiles but must be stopped at run time, beside a good rule that must keep firing.</summary>
public sealed class RuntimeGuardTests
{
    private const string GoodRule = """Rule("Good").Match(e => e.Metric == "cpu").When(e => e.Value > 50).KeyBy(e => e.Service);""";

    private static IEnumerable<string> Scenarios() =>
        Directory.EnumerateDirectories(Path.Combine(AppContext.BaseDirectory, "Sandbox", "Stopped")).Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(Scenarios))]
    [CancelAfter(60_000)]
    public void Stops_hostile_rule_while_a_good_rule_keeps_firing(string scenario)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Sandbox", "Stopped", scenario);
        using var h = new EngineHarness();
        h.Folder.Write("hostile.csx", File.ReadAllText(Path.Combine(folder, "rule.csx")));
        h.Folder.Write("good.csx", GoodRule);

        h.Load(allowErrors: true);
        var refusal = Path.Combine(folder, "refused.txt");
        if (File.Exists(refusal))
        {
            var diagnostics = h.Catalog.Status.Single(f => f.Path == "hostile.csx").Diagnostics.Select(d => d.ToString());
            Assert.That(diagnostics, Has.Some.Contains(File.ReadAllText(refusal).Trim()));
        }

        h.Send(TimeSpan.Zero, value: 90);
        h.Send(TimeSpan.FromSeconds(1), value: 91);

        Assert.That(h.StateOf("Good", "api"), Is.EqualTo(AlertState.Firing), "the good rule beside it must fire");
        if (!File.Exists(refusal))
        {
            var hostile = h.Engine.Find("Hostile")!;
            Assert.That(hostile.Counters.Faults, Is.GreaterThan(0), "the hostile rule must be stopped and counted");
            Assert.That(hostile.Counters.LastError, Does.Contain("rule stopped").Or.Contain("InsufficientExecutionStack").Or.Contain("OutOfMemory"));
        }
    }
}
