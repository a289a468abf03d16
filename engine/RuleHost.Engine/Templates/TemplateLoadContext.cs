using System.Reflection;
using System.Runtime.Loader;

namespace RuleHost.Engine.Templates;

/// <summary>TemplateLoadContext holds one compiled version of one template so it can be unloaded when replaced.</summary>
internal sealed class TemplateLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    // RazorLight, RuleHost.Abstractions and the BCL come from the default context: templates and engine share one model type.
    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
