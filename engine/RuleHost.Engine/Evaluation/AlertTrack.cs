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

    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }

    /// <summary>Dirty tells that the track changed since the last checkpoint (the engine keeps the list).</summary>
    public bool Dirty { get; set; }

    public double? Value { get; set; }
    public Severity Severity { get; set; } = Severity.Warning;
    public string Summary { get; set; } = "";
    public string? Description { get; set; }
    public IReadOnlyDictionary<string, string> Labels { get; set; } = Empty;

    public bool IsActive => State is not null;

    public bool IsFiring => State is AlertState.Firing or AlertState.Acknowledged;

    /// <summary>Save copies the track for the state store.</summary>
    public virtual TrackState Save(RuleIdentity rule) => new()
    {
        Rule = rule.Name,
        Kind = rule.Kind,
        File = rule.File,
        Key = Key,
        Fingerprint = Fingerprint,
        State = State,
        ActiveAt = ActiveAt,
        FiredAt = FiredAt,
        Since = Since,
        LastTrueAt = LastTrueAt,
        LastFalseAt = LastFalseAt,
        ClearingSince = ClearingSince,
        ClearingSinceHost = ClearingSinceHost,
        LastMatchedHost = LastMatchedHost,
        AcknowledgedBy = AcknowledgedBy,
        AcknowledgedAt = AcknowledgedAt,
        Value = Value,
        Severity = Severity,
        Summary = Summary,
        Description = Description,
        Labels = Labels.Count == 0 ? null : Labels,
    };

    /// <summary>Load takes over a saved track; <paramref name="spec"/> is the rule as it is now, which may have been edited meanwhile.</summary>
    public virtual void Load(TrackState saved, RuleHost.Rules.RuleSpec spec)
    {
        Key = saved.Key;
        Fingerprint = saved.Fingerprint;
        State = saved.State;
        ActiveAt = saved.ActiveAt;
        FiredAt = saved.FiredAt;
        Since = saved.Since;
        LastTrueAt = saved.LastTrueAt;
        LastFalseAt = saved.LastFalseAt;
        ClearingSince = saved.ClearingSince;
        ClearingSinceHost = saved.ClearingSinceHost;
        LastMatchedHost = saved.LastMatchedHost;
        AcknowledgedBy = saved.AcknowledgedBy;
        AcknowledgedAt = saved.AcknowledgedAt;
        Value = saved.Value;
        Severity = saved.Severity;
        Summary = saved.Summary;
        Description = saved.Description;
        Labels = saved.Labels ?? Empty;
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();
}
