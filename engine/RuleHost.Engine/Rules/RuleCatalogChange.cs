using RuleHost.Engine.Compilation;

namespace RuleHost.Engine.Rules;

/// <summary>RuleCatalogChange is the outcome of one refresh: the rule set to run and the replaced versions to unload once it runs.</summary>
internal sealed record RuleCatalogChange(RuleSet RuleSet, bool Changed, IReadOnlyList<CompiledRuleFile> Replaced)
{
    /// <summary>UnloadReplaced lets the old versions' load contexts go; call it after the engine runs the new set.</summary>
    public void UnloadReplaced()
    {
        foreach (var file in Replaced)
            file.Unload();
    }
}
