using System.Text;
using RuleHost.Engine.Alerts;
using RuleHost.Engine.Compilation;
using RuleHost.Engine.Evaluation;
using RuleHost.Engine.Rules;

namespace RuleHost.Benchmarks;

/// <summary>BenchmarkRules writes 100 rules of every kind to a temp folder, compiles them, and makes events of which about 10% match.</summary>
internal static class BenchmarkRules
{
    public const int Services = 20;

    /// <summary>Source writes the rule file; <paramref name="indexable"/> false hides the field comparison from the match index.</summary>
    public static string Source(bool indexable)
    {
        string Match(string metric) => indexable ? $"e => e.Metric == \"{metric}\"" : $"e => string.Equals(e.Metric, \"{metric}\")";
        var s = new StringBuilder();
        for (var i = 0; i < 40; i++)
            s.AppendLine($"Rule(\"T{i}\").Match({Match("t" + i)}).When(e => e.Value > 90).For(TimeSpan.FromMinutes(1)).KeyBy(e => e.Service);");
        for (var i = 0; i < 20; i++)
            s.AppendLine($"Rate(\"R{i}\").Match({Match("r" + i)}).Count(e => e.Value > 90).Over(TimeSpan.FromMinutes(5)).Above(0.5).MinEvents(10).KeyBy(e => e.Service);");
        for (var i = 0; i < 15; i++)
            s.AppendLine($"Anomaly(\"A{i}\").Match({Match("a" + i)}).Over(TimeSpan.FromHours(1)).Above(zScore: 3).MinEvents(30).KeyBy(e => e.Service);");
        for (var i = 0; i < 15; i++)
            s.AppendLine($"Heartbeat(\"H{i}\").Match({Match("h" + i)}).KeyBy(e => e.Service).MissingFor(TimeSpan.FromMinutes(5));");
        for (var i = 0; i < 10; i++)
            s.AppendLine($"Composite(\"C{i}\").AllOf(\"T{i}\", \"T{i + 10}\");");
        return s.ToString();
    }

    public static RuleEngine Engine(bool indexable, bool guarded = true)
    {
        var dir = Directory.CreateTempSubdirectory("rulehost-bench-").FullName;
        File.WriteAllText(Path.Combine(dir, "bench.csx"), Source(indexable));
        var catalog = new RuleCatalog(new RuleCompiler(dir, TimeSpan.FromSeconds(10), guard: guarded));
        var change = catalog.LoadAll();
        if (catalog.Status.Any(f => f.Error))
            throw new InvalidOperationException(string.Join('\n', catalog.Status.SelectMany(f => f.Diagnostics)));
        var engine = new RuleEngine(TimeProvider.System, new NoObserver());
        engine.Apply(change.RuleSet);
        return engine;
    }

    /// <summary>Events makes <paramref name="count"/> events one second apart; one in ten carries a metric some rule matches.</summary>
    public static Event[] Events(int count)
    {
        var random = new Random(42);
        string[] matching = [.. Enumerable.Range(0, 40).Select(i => "t" + i), .. Enumerable.Range(0, 20).Select(i => "r" + i),
            .. Enumerable.Range(0, 15).Select(i => "a" + i), .. Enumerable.Range(0, 15).Select(i => "h" + i)];
        var start = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, count).Select(i => new Event
        {
            Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Timestamp = start.AddMilliseconds(i),
            Service = "svc" + (i % Services),
            Metric = i % 10 == 0 ? matching[random.Next(matching.Length)] : "noise" + (i % 50),
            Value = random.Next(0, 100),
        })];
    }

    private sealed class NoObserver : IAlertObserver
    {
        public void OnTransition(AlertTransition transition)
        {
        }
    }
}
