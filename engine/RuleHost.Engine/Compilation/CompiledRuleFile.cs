using RuleHost.Rules;

namespace RuleHost.Engine.Compilation;

/// <summary>CompiledRuleFile is one loaded version of a rule file: the rules and routes it registered and the context that holds its code.</summary>
internal sealed class CompiledRuleFile(
    string path,
    IReadOnlyList<RuleSpec> rules,
    IReadOnlyList<RouteSpec> routes,
    IReadOnlySet<string> loads,
    IReadOnlyList<RuleDiagnostic> warnings,
    RuleLoadContext context)
{
    /// <summary>Path is the file's full path.</summary>
    public string Path { get; } = path;

    public IReadOnlyList<RuleSpec> Rules { get; } = rules;

    public IReadOnlyList<RouteSpec> Routes { get; } = routes;

    /// <summary>Loads are the full paths of the files this one pulled in with <c>#load</c>; a change to any of them recompiles it.</summary>
    public IReadOnlySet<string> Loads { get; } = loads;

    public IReadOnlyList<RuleDiagnostic> Warnings { get; } = warnings;

    /// <summary>Unload lets the collectible context go once the engine no longer runs this version.</summary>
    public void Unload() => context.Unload();
}
