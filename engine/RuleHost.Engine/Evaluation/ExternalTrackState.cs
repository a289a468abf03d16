namespace RuleHost.Engine.Evaluation;

/// <summary>ExternalTrackState is the part of an <see cref="ExternalAlertTrack"/> only Alertmanager-format alerts have, as saved.</summary>
internal sealed record ExternalTrackState(
    string Rule,
    string Key,
    string? Runbook,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset? EndsAt,
    bool EndsAtDefaulted,
    DateTimeOffset UpdatedAt,
    string? GeneratorUrl);
