using System.Reflection;
using McMaster.NETCore.Plugins;
using RuleHost.Notifications;
using RuleHost.Sources;

namespace RuleHost.Engine.Plugins;

/// <summary>PluginFolderLoader loads one plugin folder into a fresh collectible context and instantiates the sinks and sources it exports.</summary>
/// <remarks>
/// The abstractions assembly is shared with the host, so a plugin's <see cref="ISinkPlugin"/> is the host's. Assemblies are
/// read into memory, so the files stay free to be replaced while the old version keeps running.
/// </remarks>
internal sealed class PluginFolderLoader(TimeProvider time)
{
    private static readonly Type[] SharedTypes = [typeof(ISinkPlugin), typeof(ISourcePlugin), typeof(Alert)];

    /// <summary>Load loads the folder or throws <see cref="PluginLoadException"/> saying why not; nothing stays loaded on failure.</summary>
    public LoadedPlugin Load(string folder)
    {
        var name = Path.GetFileName(folder);
        var signature = PluginFolder.Signature(folder);
        var main = PluginFolder.MainAssembly(folder);
        var loader = PluginLoader.CreateFromAssemblyFile(main, isUnloadable: true, SharedTypes, config => config.LoadInMemory = true);
        try
        {
            var assembly = loader.LoadDefaultAssembly();
            var types = ExportedTypes(assembly);
            var faults = new PluginFaults(time);
            var sinks = Instantiate<ISinkPlugin>(types).Select(s => new IsolatedSinkPlugin(s, name, faults)).ToList();
            var sources = Instantiate<ISourcePlugin>(types);
            Check(sinks.Select(s => s.Name), "sink");
            Check(sources.Select(s => s.Name), "source");
            if (sinks.Count == 0 && sources.Count == 0)
                throw new PluginLoadException($"{Path.GetFileName(main)} exports no public {nameof(ISinkPlugin)} or {nameof(ISourcePlugin)} with a parameterless constructor");
            return new LoadedPlugin(name, VersionOf(assembly), signature, time.GetUtcNow(), loader, sinks, sources, faults);
        }
        catch (Exception e)
        {
            loader.Dispose();
            throw e is PluginLoadException ? e : new PluginLoadException(Describe(main, e), e);
        }
    }

    private static Type[] ExportedTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var first = e.LoaderExceptions.FirstOrDefault(x => x is not null);
            throw new PluginLoadException($"types of {assembly.GetName().Name} failed to load: {first?.Message ?? e.Message}", e);
        }
    }

    private static List<T> Instantiate<T>(Type[] types)
        where T : class =>
        types.Where(t => typeof(T).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToList();

    private static void Check(IEnumerable<string?> names, string kind)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new PluginLoadException($"a {kind} has an empty Name");
            if (!seen.Add(name))
                throw new PluginLoadException($"two {kind}s are named '{name}'");
        }
    }

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "";

    private static string Describe(string main, Exception e)
    {
        var file = Path.GetFileName(main);
        var inner = e is TargetInvocationException { InnerException: { } thrown } ? thrown : e;
        return inner switch
        {
            BadImageFormatException => $"{file} is not a .NET assembly ({inner.Message})",
            FileNotFoundException or FileLoadException => $"{file} could not be loaded: {inner.Message}",
            _ => $"{file}: {inner.GetType().Name}: {inner.Message}",
        };
    }
}
