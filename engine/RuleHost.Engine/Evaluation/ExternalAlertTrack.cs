namespace RuleHost.Engine.Evaluation;

/// <summary>ExternalAlertTrack is one alert posted in Alertmanager's format: its track plus what only such alerts carry.</summary>
internal sealed class ExternalAlertTrack : AlertTrack
{
    /// <summary>Rule is the alert's <c>alertname</c> label (every track of the external evaluator has its own).</summary>
    public string Rule { get; set; } = "";

    public string? Runbook { get; set; }

    public IReadOnlyDictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>();

    /// <summary>EndsAt is when the alert resolves unless it is posted again; null only for a track restored without it.</summary>
    public DateTimeOffset? EndsAt { get; set; }

    /// <summary>EndsAtDefaulted is true when the sender gave no end (Alertmanager's "timeout" alert): a later explicit end wins over it.</summary>
    public bool EndsAtDefaulted { get; set; }

    /// <summary>UpdatedAt is when the alert was last posted (host clock).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public string? GeneratorUrl { get; set; }

    /// <summary>Save keys the saved track by fingerprint: two alertnames may share the other labels, so Key is not unique here.</summary>
    public override TrackState Save(RuleIdentity rule) => base.Save(rule) with
    {
        Key = Fingerprint,
        External = new ExternalTrackState(Rule, Key, Runbook, Annotations, EndsAt, EndsAtDefaulted, UpdatedAt, GeneratorUrl),
    };

    public override void Load(TrackState saved, RuleHost.Rules.RuleSpec spec)
    {
        base.Load(saved, spec);
        if (saved.External is not { } external)
            return;
        (Rule, Key, Runbook, Annotations) = (external.Rule, external.Key, external.Runbook, external.Annotations);
        (EndsAt, EndsAtDefaulted, UpdatedAt, GeneratorUrl) = (external.EndsAt, external.EndsAtDefaulted, external.UpdatedAt, external.GeneratorUrl);
    }
}
