using McMaster.NETCore.Plugins;
using RuleHost.Sources;

namespace RuleHost.Engine.Plugins;

/// <summary>LoadedPlugin is one plugin folder loaded into its own collectible context; disposing it unloads that context.</summary>
internal sealed class LoadedPlugin(
    string name,
    string version,
    string signature,
    DateTimeOffset loadedAt,
    PluginLoader loader,
    IReadOnlyList<IsolatedSinkPlugin> sinks,
    IReadOnlyList<ISourcePlugin> sources,
    PluginFaults faults) : IDisposable
{
    public string Name { get; } = name;

    public string Version { get; } = version;

    /// <summary>Signature is the folder's file signature when it was loaded (see <see cref="PluginFolder.Signature"/>).</summary>
    public string Signature { get; } = signature;

    public DateTimeOffset LoadedAt { get; } = loadedAt;

    public IReadOnlyList<IsolatedSinkPlugin> Sinks { get; } = sinks;

    public IReadOnlyList<ISourcePlugin> Sources { get; } = sources;

    public PluginFaults Faults { get; } = faults;

    /// <summary>Dispose unloads the plugin's context; sends already running finish, as the runtime unloads only once nothing refers to it.</summary>
    public void Dispose() => loader.Dispose();
}
