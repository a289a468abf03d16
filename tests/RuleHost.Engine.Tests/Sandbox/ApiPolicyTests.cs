using RuleHost.Engine.Compilation;

namespace RuleHost.Engine.Tests.Sandbox;

/// <summary>Every folder under Sandbox/Refused holds one hostile rule file and the text its refusal must contain.</summary>
public sealed class ApiPolicyTests
{
    private static readonly string Corpus = Path.Combine(TestContext.CurrentContext.TestDirectory, "Sandbox", "Refused");

    private static IEnumerable<string> Scenarios() =>
        Directory.EnumerateDirectories(Path.Combine(AppContext.BaseDirectory, "Sandbox", "Refused")).Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(Scenarios))]
    public void Refuses_hostile_script_at_compile_time(string scenario)
    {
        var folder = Path.Combine(Corpus, scenario);
        var expected = File.ReadAllText(Path.Combine(folder, "expect.txt")).Trim();
        var compiler = new RuleCompiler(folder, TimeSpan.FromSeconds(5));

        var result = compiler.Compile(Path.Combine(folder, "rule.csx"), File.ReadAllText(Path.Combine(folder, "rule.csx")));

        Assert.That(result.Succeeded, Is.False, "the hostile file must not load");
        Assert.That(result.Diagnostics.Select(d => d.ToString()), Has.Some.Contains(expected));
    }

    [Test]
    public void Allows_what_rules_normally_use()
    {
        var source = """
            using System.Globalization;
            static string Pct(double? v) => v is { } x ? x.ToString("F0", CultureInfo.InvariantCulture) + "%" : "?";
            var names = new List<string> { "a", "b" }.Select(s => s.ToUpperInvariant()).OrderBy(s => s).ToArray();
            var sb = new StringBuilder().Append(string.Join(",", names));
            var dict = new Dictionary<string, int> { ["x"] = 1 };
            foreach (var (k, v) in dict) { sb.Append(k).Append(v); }
            var q = from n in names where n.Length > 0 select n.Length;
            var ok = Regex.IsMatch("abc", "^a") && Math.Abs(-1) == 1 && TimeSpan.FromMinutes(1) > TimeSpan.Zero;
            var t = (a: 1, b: "x");
            Rule("Fine").Match(e => e.Metric == "cpu" && e.Tags["x"].StartsWith("5")).When(e => e.Value > 85)
                .Summary(e => $"CPU {Pct(e.Value)} at {e.Timestamp:HH:mm}").KeyBy(e => e.Service);
            """;
        using var folder = new Support.RuleFolder();
        var path = folder.Write("fine.csx", source);

        var result = new RuleCompiler(folder.Root, TimeSpan.FromSeconds(5)).Compile(path, source);

        Assert.That(result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()), Is.Empty);
        Assert.That(result.Succeeded, Is.True);
    }
}
