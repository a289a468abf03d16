namespace RuleHost.Engine.Templates;

/// <summary>TemplateNames checks a template name from a rule or a target: a plain file name in the templates folder.</summary>
internal static class TemplateNames
{
    public static bool IsValid(string name) =>
        name.EndsWith(".cshtml", StringComparison.OrdinalIgnoreCase)
        && name.IndexOfAny(['/', '\\']) < 0
        && name != ".cshtml"
        && !Path.IsPathRooted(name)
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
}
