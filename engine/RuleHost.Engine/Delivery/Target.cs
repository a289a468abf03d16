namespace RuleHost.Engine.Delivery;

/// <summary>Target is one configured destination (<c>RuleHost:Targets:&lt;name&gt;</c>): a sink kind, its flattened settings and the engine's own keys.</summary>
internal sealed record Target(
    string Name,
    string Sink,
    IReadOnlyDictionary<string, string> Settings,
    string? Template,
    bool SendResolved,
    int FloodLimit,
    TimeSpan FloodInterval);
