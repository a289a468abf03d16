using RuleHost.Engine.Sandbox;
using RuleHost.Testing.Files;

namespace RuleHost.Host.Cli;

/// <summary>TestCommand runs rule test files (<c>*.test.yaml</c>): events in on a virtual clock, expected alerts and notifications out.</summary>
internal static class TestCommand
{
    public static async Task<int> RunAsync(Flags flags, TextWriter output)
    {
        var dir = flags.Positional.FirstOrDefault() ?? "rules/tests";
        var files = File.Exists(dir) ? [dir] : Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.test.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
        {
            await output.WriteLineAsync($"rulehost test: no rule test files (*.test.yaml) in '{dir}'");
            return 1;
        }

        var results = await RuleThread.RunAsync("rulehost-test", () => files.SelectMany(RuleTestRunner.RunFile).ToList());
        foreach (var result in results)
        {
            await output.WriteLineAsync($"{(result.Passed ? "PASS" : "FAIL")} {result.File}: {result.Name}");
            foreach (var failure in result.Failures)
                await output.WriteLineAsync($"    {failure}");
        }

        if (flags["--junit"] is { } junit)
            JUnitReport.Write(junit, results);
        var failed = results.Count(r => !r.Passed);
        await output.WriteLineAsync($"{results.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }
}
