namespace RuleHost.Engine.Editor;

/// <summary>ReferencePack finds the reference assemblies of the running .NET (the SDK's Microsoft.NETCore.App.Ref pack).</summary>
/// <remarks>
/// An editor compiles a script against reference assemblies (OmniSharp restores a project for the target framework
/// and takes its reference paths), where types live in System.Runtime. What the editor loads must be compiled against
/// the same: a stub compiled against the runtime's own assemblies points at System.Private.CoreLib, which an editor
/// does not reference, and every signature using Func or string would fail there with CS0012.
/// </remarks>
internal static class ReferencePack
{
    private const string Pack = "Microsoft.NETCore.App.Ref";

    /// <summary>TargetFramework is the framework moniker of the running .NET, such as <c>net10.0</c>.</summary>
    public static string TargetFramework => $"net{Environment.Version.Major}.{Environment.Version.Minor}";

    /// <summary>Find returns the assemblies for <see cref="TargetFramework"/> of the newest pack of this .NET version, or null when no SDK is installed.</summary>
    public static IReadOnlyList<string>? Find()
    {
        foreach (var root in DotnetRoots())
        {
            var packs = new DirectoryInfo(Path.Combine(root, "packs", Pack));
            if (!packs.Exists)
                continue;
            var folder = packs.EnumerateDirectories()
                .Where(d => Version.TryParse(d.Name.Split('-')[0], out var v) && v.Major == Environment.Version.Major && v.Minor == Environment.Version.Minor)
                .OrderByDescending(d => Version.Parse(d.Name.Split('-')[0]))
                .Select(d => Path.Combine(d.FullName, "ref", TargetFramework))
                .FirstOrDefault(Directory.Exists);
            if (folder is not null)
                return [.. Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal)];
        }

        return null;
    }

    /// <summary>DotnetRoots are where the SDK may be: above the running runtime (dotnet/shared/Microsoft.NETCore.App/VERSION/), then DOTNET_ROOT.</summary>
    private static IEnumerable<string> DotnetRoots()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (runtime is not null && Directory.GetParent(runtime)?.Parent?.Parent is { } root)
            yield return root.FullName;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } configured)
            yield return configured;
    }
}
