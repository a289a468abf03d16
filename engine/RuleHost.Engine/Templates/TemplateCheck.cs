using RuleHost.Engine.Compilation;

namespace RuleHost.Engine.Templates;

/// <summary>TemplateCheck compiles every template of a rules folder (rules/templates/*.cshtml) once, for <c>rulehost check</c>.</summary>
/// <remarks>Templates are checked as JSON templates; both base pages offer the same members, so what compiles as one compiles as the other.</remarks>
internal static class TemplateCheck
{
    public const string FolderName = "templates";

    /// <summary>Run returns how many templates it compiled and every error, printed as <c>file(line,col): error ID: message</c>.</summary>
    public static (int Templates, IReadOnlyList<RuleDiagnostic> Errors) Run(string rulesFolder)
    {
        var folder = Path.Combine(rulesFolder, FolderName);
        if (!Directory.Exists(folder))
            return (0, []);
        var compiler = new TemplateCompiler();
        var files = Directory.EnumerateFiles(folder, "*.cshtml").Order(StringComparer.Ordinal).ToList();
        var errors = new List<RuleDiagnostic>();
        foreach (var file in files)
        {
            var result = compiler.Compile(DisplayPath.Of(file), File.ReadAllText(file), TemplateKind.Json);
            result.Template?.Unload();
            errors.AddRange(result.Errors);
        }

        return (files.Count, errors);
    }
}
