using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>TrackState is one <see cref="AlertTrack"/> as saved in the state store: enough to carry on exactly where it stopped.</summary>
internal sealed record TrackState
{
    public required string Rule { get; init; }
    public required RuleKind Kind { get; init; }
    public required string Key { get; init; }
    public required string Fingerprint { get; init; }

    /// <summary>File is the rule's file; a restored track waits while that file exists but does not load.</summary>
    public string File { get; init; } = "";

    public AlertState? State { get; init; }
    public DateTimeOffset ActiveAt { get; init; }
    public DateTimeOffset? FiredAt { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset LastTrueAt { get; init; }
    public DateTimeOffset LastFalseAt { get; init; }
    public DateTimeOffset? ClearingSince { get; init; }
    public DateTimeOffset? ClearingSinceHost { get; init; }
    public DateTimeOffset LastMatchedHost { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }

    public double? Value { get; init; }
    public Severity Severity { get; init; }
    public string Summary { get; init; } = "";
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Window is the sliding window of rate and anomaly rules.</summary>
    public WindowState? Window { get; init; }
    public bool Refilling { get; init; }

    /// <summary>External is what only an alert posted in Alertmanager's format carries.</summary>
    public ExternalTrackState? External { get; init; }

    /// <summary>LastEvent is a heartbeat's last event as ingest JSON, so a heartbeat that fires after a restart can describe it.</summary>
    public string? LastEvent { get; init; }
}
