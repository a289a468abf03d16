using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using RuleHost.Rules;

namespace RuleHost.Engine.Compilation;

/// <summary>ScriptReferences are the assemblies and imports every rule file compiles against, built once per process.</summary>
internal static class ScriptReferences
{
    /// <summary>Imports are the namespaces a rule file can use without a using directive.</summary>
    public static readonly ImmutableArray<string> Imports =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.Text", "System.Text.RegularExpressions",
        "RuleHost", "RuleHost.Rules",
    ];

    private static readonly string[] FrameworkAssemblies =
    [
        "System.Private.CoreLib", "System.Runtime", "System.Linq", "System.Collections", "System.Text.RegularExpressions",
        "System.Runtime.Extensions", "netstandard",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> Lazy = new(Build);

    public static ImmutableArray<MetadataReference> All => Lazy.Value;

    private static ImmutableArray<MetadataReference> Build()
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var framework = trusted.Where(p => FrameworkAssemblies.Contains(Path.GetFileNameWithoutExtension(p)));
        return [.. framework.Append(typeof(RuleScript).Assembly.Location).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
