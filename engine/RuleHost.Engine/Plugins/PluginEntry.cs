namespace RuleHost.Engine.Plugins;

/// <summary>PluginEntry is the catalog's record of one plugin folder: the version serving (if any) and the last failure (if any).</summary>
internal sealed class PluginEntry(string name, string path)
{
    public string Name { get; } = name;

    public string Path { get; } = path;

    public LoadedPlugin? Serving { get; set; }

    public string? Error { get; set; }

    /// <summary>Signature is that of the folder as last tried, loaded or not; the same signature is not tried again.</summary>
    public string? Signature { get; set; }

    /// <summary>Conflict says which sink or source name another plugin already serves; a conflicting plugin serves nothing.</summary>
    public string? Conflict { get; set; }

    public long Loads { get; set; }

    public PluginStatus Status()
    {
        var faults = Serving?.Faults.Snapshot() ?? default;
        var error = Conflict ?? Error;
        return new PluginStatus(
            Name,
            Path,
            Serving?.Version,
            Failed: error is not null,
            error,
            Conflict,
            Conflict is null ? Serving?.Sinks.Select(s => s.Name).ToList() ?? [] : [],
            Conflict is null ? Serving?.Sources.Select(s => s.Name).ToList() ?? [] : [],
            Serving?.LoadedAt,
            Loads,
            faults.Count,
            faults.Last,
            faults.LastAt);
    }
}
