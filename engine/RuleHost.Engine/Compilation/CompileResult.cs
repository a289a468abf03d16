namespace RuleHost.Engine.Compilation;

/// <summary>CompileResult is either a loaded rule file or the diagnostics that kept it from loading.</summary>
/// <param name="Loads">The files the attempt pulled in with <c>#load</c>, failed or not: fixing one of them is worth a retry.</param>
internal sealed record CompileResult(CompiledRuleFile? File, IReadOnlyList<RuleDiagnostic> Diagnostics, IReadOnlySet<string> Loads)
{
    public bool Succeeded => File is not null;

    public static CompileResult Failed(IEnumerable<RuleDiagnostic> diagnostics, IReadOnlySet<string> loads) => new(null, [.. diagnostics], loads);
}
