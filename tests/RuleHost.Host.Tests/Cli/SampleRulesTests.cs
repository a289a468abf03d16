using RuleHost.Host.Cli;
using RuleHost.Host.Tests.Support;

namespace RuleHost.Host.Tests.Cli;

/// <summary>The sample rules shipped in the repository's rules/ folder all pass <c>rulehost check</c> and their <c>rulehost test</c> files.</summary>
public sealed class SampleRulesTests
{
    [Test]
    public async Task The_sample_rules_compile()
    {
        var rules = Path.Combine(RepoRoot.Find(), "rules");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["check", rules], output, error);

        Assert.That(exit, Is.Zero, $"{output}{error}");
        Assert.That(output.ToString(), Does.Match(@"\d+ files, \d+ rules, 0 errors, 0 warnings"));
        Assert.That(Directory.EnumerateFiles(rules, "*.csx").Where(f => !Path.GetFileName(f).StartsWith('_')), Is.Not.Empty);
    }

    [Test]
    public async Task The_sample_rules_pass_their_rule_tests()
    {
        var tests = Path.Combine(RepoRoot.Find(), "rules", "tests");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CommandLine.RunAsync(["test", tests], output, error);

        Assert.That(exit, Is.Zero, $"{output}{error}");
        Assert.That(output.ToString(), Does.Match(@"\b[1-9]\d* passed, 0 failed"));
    }
}
