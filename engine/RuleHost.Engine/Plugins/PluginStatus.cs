namespace RuleHost.Engine.Plugins;

/// <summary>PluginStatus is what GET /api/v1/plugins shows of one plugin folder.</summary>
internal sealed record PluginStatus(
    string Name,
    string Path,
    string? Version,
    bool Failed,
    string? Error,
    string? Conflict,
    IReadOnlyList<string> Sinks,
    IReadOnlyList<string> Sources,
    DateTimeOffset? LoadedAt,
    long Loads,
    long Faults,
    string? LastFault,
    DateTimeOffset? LastFaultAt);
