using RuleHost.Engine.Rules;

namespace RuleHost.Engine.Tests.Rules;

public sealed class MatchKeyAnalyzerTests
{
    [TestCase("""e => e.Metric == "cpu" """, "Metric", new[] { "cpu" })]
    [TestCase("""e => "cpu" == e.Metric""", "Metric", new[] { "cpu" })]
    [TestCase("""ev => ev.Service == "api" """, "Service", new[] { "api" })]
    [TestCase("""e => e.Environment == "prod" && e.Value > 85""", "Environment", new[] { "prod" })]
    [TestCase("""e => e.Value > 85 && e.Severity == "error" && e.Message != null""", "Severity", new[] { "error" })]
    [TestCase("""e => e.Metric == "cpu" && e.Service == "api" """, "Metric", new[] { "cpu" })]
    [TestCase("""e => e.Metric == "cpu" || e.Metric == "memory" """, "Metric", new[] { "cpu", "memory" })]
    [TestCase("""e => (e.Metric == "cpu" && e.Value > 1) || "memory" == e.Metric""", "Metric", new[] { "cpu", "memory" })]
    [TestCase("""e => e.Metric is "cpu" or "memory" """, "Metric", new[] { "cpu", "memory" })]
    [TestCase("""e => e.Metric is ("cpu" or "memory") && e.Value > 0""", "Metric", new[] { "cpu", "memory" })]
    [TestCase("""e => e.Metric is "cpu" or "memory" or "cpu" """, "Metric", new[] { "cpu", "memory" })]
    [TestCase("""(e) => e.Metric == "cpu" """, "Metric", new[] { "cpu" })]
    [TestCase("""(Event e) => e.Metric == "cpu" """, "Metric", new[] { "cpu" })]
    [TestCase("""static e => ((e.Metric) == ("cpu"))""", "Metric", new[] { "cpu" })]
    [TestCase("""e => e.Metric == @"cpu" """, "Metric", new[] { "cpu" })]
    public void Indexes_an_exact_comparison_every_matching_event_must_pass(string match, string field, string[] values)
    {
        var key = MatchKeyAnalyzer.Analyze([match]);

        Assert.That(key, Is.Not.Null);
        Assert.That(key!.Field, Is.EqualTo(field));
        Assert.That(key.Values, Is.EqualTo(values));
    }

    [TestCase("""e => e.Metric == "cpu" || e.Service == "api" """, TestName = "Or across fields")]
    [TestCase("""e => e.Metric == "cpu" || e.Value > 85""", TestName = "Or with a term that is not a key")]
    [TestCase("IsCpu", TestName = "Method group")]
    [TestCase("isCpu", TestName = "Delegate variable")]
    [TestCase("""e => e.Metric != "cpu" """, TestName = "Not equal")]
    [TestCase("""e => !(e.Metric == "cpu")""", TestName = "Negation")]
    [TestCase("""e => e.Metric is not "cpu" """, TestName = "Negated pattern")]
    [TestCase("""e => e.Metric is "cpu" or not "memory" """, TestName = "Pattern with a negated alternative")]
    [TestCase("""e => e.Metric == name""", TestName = "Non-literal comparand")]
    [TestCase("""e => e.Metric == $"cpu" """, TestName = "Interpolated comparand")]
    [TestCase("""e => e.Metric == null""", TestName = "Null comparand")]
    [TestCase("""e => e.Metric == other.Metric""", TestName = "Field of another event")]
    [TestCase("""e => other.Metric == "cpu" """, TestName = "Field of a captured variable")]
    [TestCase("""e => e.Message == "cpu" """, TestName = "Field that is not indexed")]
    [TestCase("""e => e["metric"] == "cpu" """, TestName = "Indexer")]
    [TestCase("""e => e.Metric.Equals("cpu")""", TestName = "Equals call")]
    [TestCase("""e => e.Tags.Any(t => t.Key == "cpu")""", TestName = "Nested lambda")]
    [TestCase("""e => list.Any(x => x.Metric == "cpu")""", TestName = "Nested lambda over another event")]
    [TestCase("""e => { return e.Metric == "cpu"; }""", TestName = "Block body")]
    [TestCase("""(e, i) => e.Metric == "cpu" """, TestName = "Two parameters")]
    [TestCase("""e => e.Metric == "cpu" ? false : true""", TestName = "Conditional")]
    [TestCase("""e => (e.Metric == "cpu") == false""", TestName = "Comparison with a comparison")]
    [TestCase("", TestName = "Empty text")]
    [TestCase("e => ", TestName = "Broken text")]
    public void Leaves_unindexed_what_it_cannot_prove(string match)
    {
        Assert.That(MatchKeyAnalyzer.Analyze([match]), Is.Null);
    }

    [Test]
    public void Reads_each_Match_call_and_takes_the_first_key_found()
    {
        var key = MatchKeyAnalyzer.Analyze(["e => e.Value > 0", """e => e.Service == "api" """, """e => e.Metric == "cpu" """]);

        Assert.That(key, Is.EqualTo(new MatchKey("Service", ["api"])).Using<MatchKey>((a, b) => a.Field == b.Field && a.Values.SequenceEqual(b.Values)));
    }

    [Test]
    public void Knows_the_fields_it_can_index()
    {
        var e = new Event { Metric = "cpu", Service = "api", Environment = "prod", Severity = "error" };

        Assert.That(MatchKey.Fields.ToDictionary(f => f.Key, f => f.Value(e)), Is.EqualTo(new Dictionary<string, string?>
        {
            ["Metric"] = "cpu", ["Service"] = "api", ["Environment"] = "prod", ["Severity"] = "error",
        }));
    }
}
