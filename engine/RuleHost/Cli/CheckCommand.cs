using System.Diagnostics;
using RuleHost.Engine.Compilation;
using RuleHost.Engine.Rules;
using RuleHost.Engine.Templates;

namespace RuleHost.Host.Cli;

/// <summary>CheckCommand compiles every rule file and template (templates/*.cshtml) of a folder, prints diagnostics compiler-style and fails on any error.</summary>
internal static class CheckCommand
{
    public static async Task<int> RunAsync(Flags flags, TextWriter output)
    {
        var dir = flags.Positional.FirstOrDefault() ?? flags["--rules"] ?? "rules";
        if (!Directory.Exists(dir))
        {
            await output.WriteLineAsync($"rulehost check: no such folder '{dir}'");
            return 1;
        }

        var clock = Stopwatch.StartNew();
        var catalog = new RuleCatalog(new RuleCompiler(dir, TimeSpan.FromSeconds(5), SandboxConfig.PolicyFrom(flags)));
        catalog.LoadAll();
        var (templates, templateErrors) = TemplateCheck.Run(dir);
        var diagnostics = catalog.Status.SelectMany(f => f.Diagnostics).Concat(templateErrors).ToList();
        foreach (var diagnostic in diagnostics)
            await output.WriteLineAsync(diagnostic.ToString());

        var errors = diagnostics.Count(d => d.IsError);
        var rules = catalog.Status.Sum(f => f.Rules.Count);
        await output.WriteLineAsync(
            $"{catalog.Status.Count} files, {rules} rules, {errors} errors, {diagnostics.Count - errors} warnings, {templates} templates ({clock.ElapsedMilliseconds} ms)");
        return errors == 0 ? 0 : 1;
    }
}
