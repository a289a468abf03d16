namespace RuleHost.Engine.Delivery;

/// <summary>Target is one configured destination (<c>RuleHost:Targets:&lt;name&gt;</c>): a sink kind, its flattened settings and the engine's own keys.</summary>
internal sealed record Target(
    string Name,
    string Sink,
    IReadOnlyDictionary<string, string> Settings,
    string? Template,
    bool SendResolved,
    int FloodLimit,
    TimeSpan FloodInterval)
{
    /// <summary>SameAs says a re-read target is configured exactly as this one, settings compared by content (record equality compares the dictionaries by reference).</summary>
    public bool SameAs(Target other) =>
        Name == other.Name
        && Sink == other.Sink
        && Template == other.Template
        && SendResolved == other.SendResolved
        && FloodLimit == other.FloodLimit
        && FloodInterval == other.FloodInterval
        && Settings.Count == other.Settings.Count
        && Settings.All(s => other.Settings.TryGetValue(s.Key, out var value) && value == s.Value);
}
