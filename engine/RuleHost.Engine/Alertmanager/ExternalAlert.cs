namespace RuleHost.Engine.Alertmanager;

/// <summary>ExternalAlert is one valid alert posted in Alertmanager's format, with its identity and presentation already worked out.</summary>
/// <remarks>Made on the request thread so the evaluation thread only applies it; its dictionaries are never changed afterwards.</remarks>
internal sealed class ExternalAlert
{
    /// <summary>Fingerprint is the Alertmanager label-set hash, the alert's identity.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>Rule is the <c>alertname</c> label.</summary>
    public required string Rule { get; init; }

    /// <summary>Key renders the other labels, sorted by name: <c>instance=a,job=b</c>.</summary>
    public required string Key { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>EndsAtDefaulted is true when the sender gave no end, so the end is now + resolve timeout (Alertmanager's "timeout" alert).</summary>
    public bool EndsAtDefaulted { get; init; }

    public string? GeneratorUrl { get; init; }

    public Severity Severity { get; init; } = Severity.Warning;

    public required string Summary { get; init; }

    public string? Description { get; init; }

    public string? Runbook { get; init; }
}
