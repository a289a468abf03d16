using System.Text.RegularExpressions;

namespace RuleHost.Host.Cli;

/// <summary>NewRuleCommand starts a rule file from <c>rules.csx.template</c>.</summary>
internal static partial class NewRuleCommand
{
    public const string TemplateFile = "rules.csx.template";

    public static async Task<int> RunAsync(Flags flags, TextWriter output, TextWriter error)
    {
        if (flags.Positional is not ["rule", var name])
        {
            await error.WriteLineAsync("usage: rulehost new rule NAME [--rules DIR]");
            return 2;
        }

        if (!RuleName().IsMatch(name))
        {
            await error.WriteLineAsync($"rulehost new rule: '{name}' is not a valid name (letters, digits, '-' and '_', starting with a letter)");
            return 2;
        }

        var template = new[] { Path.Combine(AppContext.BaseDirectory, TemplateFile), TemplateFile }.FirstOrDefault(File.Exists);
        if (template is null)
        {
            await error.WriteLineAsync($"rulehost new rule: {TemplateFile} was not found beside rulehost or in the current folder");
            return 1;
        }

        var dir = flags["--rules"] ?? "rules";
        var path = Path.Combine(dir, name + ".csx");
        if (File.Exists(path))
        {
            await error.WriteLineAsync($"rulehost new rule: {path} already exists");
            return 1;
        }

        Directory.CreateDirectory(dir);
        var text = (await File.ReadAllTextAsync(template)).Replace("{{Name}}", name, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, text);
        await output.WriteLineAsync($"created {path}");
        return 0;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex RuleName();
}
