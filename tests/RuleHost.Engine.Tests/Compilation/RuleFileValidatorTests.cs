using RuleHost.Engine.Tests.Support;

namespace RuleHost.Engine.Tests.Compilation;

/// <summary>Misuse of the rule language inside one file, reported through the catalog's status.</summary>
public sealed class RuleFileValidatorTests
{
    [TestCase("""Rule("X").Match(e => true);""", "Threshold 'X' needs When(e => …)")]
    [TestCase("""Rule("X").When(e => true);""", "Threshold 'X' needs Match(e => …)")]
    [TestCase("""Heartbeat("X").Match(e => true);""", "Heartbeat 'X' needs MissingFor(duration)")]
    [TestCase("""Rate("X").Match(e => true).Over(TimeSpan.FromMinutes(1)).Above(0.1);""", "Rate 'X' needs Count(e => …)")]
    [TestCase("""Rate("X").Match(e => true).Count(e => true).Above(0.1);""", "Rate 'X' needs Over(window)")]
    [TestCase("""Rate("X").Match(e => true).Count(e => true).Over(TimeSpan.FromMinutes(1));""", "Rate 'X' needs Above(ratio)")]
    [TestCase("""Anomaly("X").Match(e => true).Above(zScore: 3);""", "Anomaly 'X' needs Over(window)")]
    [TestCase("""Anomaly("X").Match(e => true).Over(TimeSpan.FromHours(1));""", "Anomaly 'X' needs Above(zScore: …) or Below(zScore: …)")]
    [TestCase("""Composite("X");""", "Composite 'X' needs AllOf(…) or AnyOf(…) naming at least one rule")]
    public void Missing_part_is_reported_at_the_rule(string rule, string message)
    {
        using var h = EngineHarness.Failing("// rules\n" + rule);

        var error = h.StatusOf("rules.csx").Diagnostics.Single();

        Assert.That(error.Id, Is.EqualTo("RH0100"));
        Assert.That(error.Message, Is.EqualTo(message));
        Assert.That(error.Line, Is.EqualTo(2));
    }

    [Test]
    public void Negative_duration_is_reported_at_the_modifier()
    {
        using var h = EngineHarness.Failing("""
            Rule("HighCpu")
                .Match(e => e.Metric == "cpu")
                .When(e => e.Value > 85)
                .For(TimeSpan.FromMinutes(-2));
            """);

        var error = h.StatusOf("rules.csx").Diagnostics.Single();

        Assert.That(error.Id, Is.EqualTo("RH0102"));
        Assert.That(error.Line, Is.EqualTo(4));
        Assert.That(error.Message, Is.EqualTo("Threshold 'HighCpu': For must not be negative (was -00:02:00)"));
    }

    [TestCase(""".MissingFor(TimeSpan.Zero)""")]
    [TestCase(""".MissingFor(TimeSpan.FromSeconds(-1))""")]
    public void MissingFor_must_be_positive(string modifier)
    {
        using var h = EngineHarness.Failing($"""Heartbeat("Beat").Match(e => true){modifier};""");

        Assert.That(h.StatusOf("rules.csx").Diagnostics.Select(d => d.Id), Does.Contain("RH0102"));
    }

    [TestCase("""Rate("X").Match(e => true).Count(e => true).Over(TimeSpan.FromMinutes(1)).Above(1.5);""")]
    [TestCase("""Rate("X").Match(e => true).Count(e => true).Over(TimeSpan.FromMinutes(1)).Above(0.5).MinEvents(0);""")]
    [TestCase("""Anomaly("X").Match(e => true).Over(TimeSpan.FromHours(1)).Above(zScore: -1);""")]
    [TestCase("""Anomaly("X").Match(e => true).Over(TimeSpan.FromHours(1)).Above(zScore: 3).MinEvents(1);""")]
    public void Out_of_range_setting_is_reported(string rule)
    {
        using var h = EngineHarness.Failing(rule);

        Assert.That(h.StatusOf("rules.csx").Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "RH0103" }));
    }

    [Test]
    public void Rule_without_a_name_is_reported()
    {
        using var h = EngineHarness.Failing("""Rule(" ").Match(e => true).When(e => true);""");

        Assert.That(h.StatusOf("rules.csx").Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "RH0101" }));
    }

    [Test]
    public void Duplicate_name_in_one_file_is_reported_at_the_second_rule()
    {
        using var h = EngineHarness.Failing("""
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 85);
            Rule("HighMemory").Match(e => e.Metric == "memory").When(e => e.Value > 85);
            Rule("HighCpu").Match(e => e.Metric == "cpu").When(e => e.Value > 95);
            """);

        var error = h.StatusOf("rules.csx").Diagnostics.Single();

        Assert.That(error.Id, Is.EqualTo("RH0105"));
        Assert.That(error.Line, Is.EqualTo(3));
        Assert.That(error.Message, Is.EqualTo("a rule named 'HighCpu' is already registered in this file"));
        Assert.That(h.Engine.Find("HighMemory"), Is.Null, "a file with a problem loads none of its rules");
    }
}
