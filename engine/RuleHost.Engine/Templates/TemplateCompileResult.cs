using RuleHost.Engine.Compilation;

namespace RuleHost.Engine.Templates;

/// <summary>TemplateCompileResult is a compiled template, or the errors that stopped it.</summary>
internal sealed record TemplateCompileResult(CompiledTemplate? Template, IReadOnlyList<RuleDiagnostic> Errors)
{
    public static TemplateCompileResult Compiled(CompiledTemplate template) => new(template, []);

    public static TemplateCompileResult Failed(IReadOnlyList<RuleDiagnostic> errors) => new(null, errors);
}
