namespace RuleHost.Engine.Evaluation;

/// <summary>AlertTrack is the mutable state of one rule + key: its lifecycle, timers and presentation.</summary>
internal class AlertTrack
{
    public string Key { get; set; } = "";
    public string Fingerprint { get; set; } = "";

    /// <summary>State is null while the key has no active alert.</summary>
    public AlertState? State { get; set; }

    public DateTimeOffset ActiveAt { get; set; }
    public DateTimeOffset? FiredAt { get; set; }

    // Event-time bookkeeping for For across out-of-order events.
    public DateTimeOffset? Since { get; set; }
    public DateTimeOffset LastTrueAt { get; set; } = DateTimeOffset.MinValue;
    public DateTimeOffset LastFalseAt { get; set; } = DateTimeOffset.MinValue;

    // Host-clock bookkeeping for KeepFiringFor and ResolveAfter.
    public DateTimeOffset? ClearingSince { get; set; }
    public DateTimeOffset? ClearingSinceHost { get; set; }
    public DateTimeOffset LastMatchedHost { get; set; }

    public double? Value { get; set; }
    public Severity Severity { get; set; } = Severity.Warning;
    public string Summary { get; set; } = "";
    public string? Description { get; set; }
    public IReadOnlyDictionary<string, string> Labels { get; set; } = Empty;

    public bool IsActive => State is not null;

    public bool IsFiring => State is AlertState.Firing or AlertState.Acknowledged;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
