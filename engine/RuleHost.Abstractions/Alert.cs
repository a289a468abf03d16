namespace RuleHost;

/// <summary>Alert is an immutable snapshot of one alert (identity: rule + key) at one moment of its lifecycle.</summary>
public sealed record Alert
{
    /// <summary>Fingerprint is the stable hash of rule and key, the dedup key toward receivers.</summary>
    public required string Fingerprint { get; init; }

    public required string Rule { get; init; }

    public required string Key { get; init; }

    public required AlertState State { get; init; }

    public Severity Severity { get; init; } = Severity.Warning;

    public string Summary { get; init; } = "";

    public string? Description { get; init; }

    public string? Runbook { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>StartsAt is when the condition began to hold (the alert became active).</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>FiredAt is when the alert went from pending to firing; null while pending.</summary>
    public DateTimeOffset? FiredAt { get; init; }

    /// <summary>EndsAt is when the alert resolved; null while it is active.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>Value is the measurement behind the alert: the event value, a ratio, a z-score's input.</summary>
    public double? Value { get; init; }

    /// <summary>AcknowledgedBy names who acknowledged the alert (through the API); null unless acknowledged.</summary>
    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Targets are the notification targets named by the rule (NotifyTo); empty means routed.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsActive => State is AlertState.Pending or AlertState.Firing or AlertState.Acknowledged;
}
