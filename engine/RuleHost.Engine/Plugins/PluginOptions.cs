namespace RuleHost.Engine.Plugins;

/// <summary>PluginOptions say where plugins live and how quickly a change to them is picked up.</summary>
internal sealed class PluginOptions
{
    /// <summary>Path is the plugins folder, one sub-folder per plugin; by default <c>plugins</c> beside the executable.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>ReloadDebounce is the quiet time after the last file change in a plugin folder before it is (re)loaded; a copy arrives file by file.</summary>
    public TimeSpan ReloadDebounce { get; set; } = TimeSpan.FromMilliseconds(300);

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
            yield return "PluginsPath must name a folder";
        if (ReloadDebounce < TimeSpan.Zero || ReloadDebounce > TimeSpan.FromSeconds(1.5))
            yield return $"PluginReloadDebounce must be between 0 and 1.5 s so a plugin loads within 2 s (was {ReloadDebounce})";
    }
}
