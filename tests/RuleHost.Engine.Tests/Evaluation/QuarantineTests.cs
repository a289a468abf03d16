using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Tests.Support;

namespace RuleHost.Engine.Tests.Evaluation;

/// <summary>A rule that faults QuarantineAfter times in a row is disabled and reported until its file changes.</summary>
public sealed class QuarantineTests
{
    private const string Faulty = """
        Rule("Faulty").Match(e => e.Metric == "cpu").When(e => int.Parse(e.Tags["n"]) > 0).KeyBy(e => e.Service);
        """;

    private const string Good = """Rule("Good").Match(e => e.Metric == "cpu").When(e => e.Value > 50).KeyBy(e => e.Service);""";

    [Test]
    public void Disables_a_rule_after_consecutive_faults_and_raises_RuleQuarantined()
    {
        using var h = new EngineHarness();
        h.Folder.Write("faulty.csx", Faulty);
        h.Folder.Write("good.csx", Good);
        h.Load();

        for (var i = 0; i < 15; i++)
            h.Send(TimeSpan.FromSeconds(i), value: 90);

        Assert.That(h.Engine.Find("Faulty")!.Quarantined, Is.True);
        Assert.That(h.CountersOf("Faulty").Faults, Is.EqualTo(h.Engine.QuarantineAfter), "a quarantined rule is no longer evaluated");
        var quarantine = h.Transitions.Single(t => t.Alert.Rule == RuleEngine.RuleQuarantined).Alert;
        Assert.That(quarantine.Key, Is.EqualTo("Faulty"));
        Assert.That(quarantine.State, Is.EqualTo(AlertState.Firing));
        Assert.That(quarantine.Summary, Does.Contain("FormatException"));
        Assert.That(quarantine.Targets, Is.Empty, "it is routed like any alert");
        Assert.That(h.StateOf("Good", "api"), Is.EqualTo(AlertState.Firing));
    }

    [Test]
    public void A_success_between_faults_starts_the_count_again()
    {
        using var h = EngineHarness.With(Faulty);

        for (var i = 0; i < 30; i++)
            h.Send(TimeSpan.FromSeconds(i), value: 90, tags: new() { ["n"] = i % 5 == 0 ? "1" : "x" });

        Assert.That(h.Engine.Find("Faulty")!.Quarantined, Is.False);
        Assert.That(h.CountersOf("Faulty").Faults, Is.EqualTo(24));
    }

    [Test]
    public void Saving_the_file_again_re_enables_the_rule_and_resolves_the_quarantine()
    {
        using var h = EngineHarness.With(Faulty, "faulty.csx");
        for (var i = 0; i < 10; i++)
            h.Send(TimeSpan.FromSeconds(i), value: 90);
        Assert.That(h.Engine.Find("Faulty")!.Quarantined, Is.True);

        h.Edit("faulty.csx", Faulty.Replace("int.Parse(e.Tags[\"n\"]) > 0", "e.Value > 50", StringComparison.Ordinal));
        h.Send(TimeSpan.FromSeconds(20), value: 90);

        Assert.That(h.Engine.Find("Faulty")!.Quarantined, Is.False);
        Assert.That(h.StateOf("Faulty", "api"), Is.EqualTo(AlertState.Firing));
        Assert.That(h.Transitions.Where(t => t.Alert.Rule == RuleEngine.RuleQuarantined).Select(t => t.Alert.State),
            Is.EqualTo(new[] { AlertState.Firing, AlertState.Resolved }));
    }
}
