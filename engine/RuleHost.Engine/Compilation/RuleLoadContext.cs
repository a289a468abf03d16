using System.Reflection;
using System.Runtime.Loader;

namespace RuleHost.Engine.Compilation;

/// <summary>RuleLoadContext holds one compiled version of one rule file so it can be unloaded when replaced.</summary>
internal sealed class RuleLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    // Everything but the script itself (RuleHost.Abstractions, the BCL) comes from the default context,
    // so rules and engine share one Event type.
    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
