namespace RuleHost.Engine.Compilation;

/// <summary>CompileResult is either a loaded rule file or the diagnostics that kept it from loading.</summary>
internal sealed record CompileResult(CompiledRuleFile? File, IReadOnlyList<RuleDiagnostic> Diagnostics)
{
    public bool Succeeded => File is not null;

    public static CompileResult Failed(IEnumerable<RuleDiagnostic> diagnostics) => new(null, [.. diagnostics]);
}
