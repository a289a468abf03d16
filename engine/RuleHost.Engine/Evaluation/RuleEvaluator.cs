using RuleHost.Engine.Alerts;
using RuleHost.Engine.Rules;
using RuleHost.Rules;
using RuleHost.Sandbox;

namespace RuleHost.Engine.Evaluation;

/// <summary>RuleEvaluator runs one rule over the events it matches and owns that rule's alerts, one per key.</summary>
internal abstract class RuleEvaluator(RuleSpec spec, RuleEngine engine)
{
    private static readonly Event NoEvent = new();
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    public RuleSpec Spec { get; } = spec;

    public RuleIdentity Identity { get; } = new(spec.Name, spec.Kind, spec.File);

    public RuleCounters Counters { get; private set; } = new();

    /// <summary>Quarantined is set when the rule faulted too many times in a row; the engine skips it until its file changes.</summary>
    public bool Quarantined { get; set; }

    /// <summary>Match is the rule's event filter (never true for composites, which see no events).</summary>
    public Func<Event, bool> Match { get; } = spec.Match ?? (static _ => false);

    /// <summary>MatchKey is the exact field value the Match lambda requires, if the engine could read one; it indexes the rule.</summary>
    public MatchKey? MatchKey { get; } = MatchKeyAnalyzer.Analyze(spec.MatchExpressions);

    protected RuleEngine Engine { get; } = engine;

    protected Dictionary<string, AlertTrack> Tracks { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>NeedsTick tells whether the rule has host-clock timers to run each tick.</summary>
    public virtual bool NeedsTick => Spec.ResolveAfter is not null || Spec.KeepFiringFor > TimeSpan.Zero;

    public IEnumerable<AlertTrack> ActiveTracks => Tracks.Values.Where(t => t.IsActive);

    public AlertTrack? Find(string key) => Tracks.GetValueOrDefault(key);

    /// <summary>TrackKey is what the rule's tracks are keyed by: the alert key (the external evaluator keys by fingerprint).</summary>
    protected virtual string TrackKey(AlertTrack track) => track.Key;

    /// <summary>Evaluate looks at one event that the rule's Match accepted.</summary>
    public abstract void Evaluate(Event e);

    /// <summary>Tick runs host-clock timers: ResolveAfter and KeepFiringFor.</summary>
    public virtual void Tick(DateTimeOffset now)
    {
        foreach (var track in Tracks.Values)
        {
            if (!track.IsFiring && track.State != AlertState.Pending)
                continue;
            var quiet = Spec.ResolveAfter is { } after && now - track.LastMatchedHost >= after;
            var cleared = track.ClearingSinceHost is { } since && now - since >= Spec.KeepFiringFor;
            if (quiet || cleared)
                Resolve(track, now, null);
        }
    }

    /// <summary>AdoptFrom takes over the alerts and counters of the previous version of this rule, so an edit keeps them.</summary>
    public virtual void AdoptFrom(RuleEvaluator previous)
    {
        Tracks = previous.Tracks;
        Counters = previous.Counters;
        Counters.ConsecutiveFaults = 0; // a new version starts with a clean slate
    }

    /// <summary>ResolveAll resolves every active alert of the rule, as when the rule is deleted.</summary>
    public void ResolveAll(DateTimeOffset at)
    {
        foreach (var track in Tracks.Values.Where(t => t.IsActive).ToList())
            Resolve(track, at, null);
    }

    /// <summary>Sweep forgets inactive keys not seen for <paramref name="idle"/>, so high-cardinality keys cannot grow memory forever.</summary>
    public virtual void Sweep(DateTimeOffset now, TimeSpan idle)
    {
        foreach (var (key, track) in Tracks)
        {
            if (!track.IsActive && now - track.LastMatchedHost > idle)
            {
                Tracks.Remove(key);
                Engine.Forgot(this, key);
            }
        }
    }

    /// <summary>ForgetAll drops every track from the state store, as when the rule is deleted.</summary>
    public void ForgetAll()
    {
        foreach (var key in Tracks.Keys)
            Engine.Forgot(this, key);
    }

    /// <summary>Restore takes over tracks saved by an earlier run of the host; no transition is published for them.</summary>
    public virtual void Restore(IEnumerable<TrackState> saved)
    {
        foreach (var state in saved)
        {
            var track = CreateTrack();
            track.Load(state, Spec);
            Tracks[TrackKey(track)] = track;
        }
    }

    /// <summary>Acknowledge marks a firing alert as seen by a person: repeats and escalations stop; it still resolves on its own.</summary>
    public bool Acknowledge(AlertTrack track, string by, string? comment)
    {
        if (track.State == AlertState.Acknowledged)
            return true;
        if (track.State != AlertState.Firing)
            return false;
        track.State = AlertState.Acknowledged;
        track.AcknowledgedBy = by;
        track.AcknowledgedAt = Engine.Clock.GetUtcNow();
        Engine.Changed(this, track, AlertState.Firing, null, by: by, comment: comment);
        return true;
    }

    /// <summary>ResolveByHand ends an active alert from the API; the condition must hold afresh (For included) to raise it again.</summary>
    public virtual bool ResolveByHand(AlertTrack track, string by, string? comment)
    {
        if (!track.IsActive)
            return false;
        Resolve(track, Engine.Clock.GetUtcNow(), null, by, comment);
        return true;
    }

    /// <summary>Fault counts a failed evaluation; a spent budget is reported as such, whatever exception surfaced from it.</summary>
    public void Fault(Exception exception, GuardBudget? budget = null)
    {
        if (budget is { IsSpent: true, Reason: { } reason })
            exception = new RuleBudgetExceededException(reason);
        while (exception is TypeInitializationException or System.Reflection.TargetInvocationException && exception.InnerException is { } inner)
            exception = inner;
        Counters.Faults++;
        Counters.ConsecutiveFaults++;
        Counters.LastError = $"{exception.GetType().Name}: {exception.Message}";
        Counters.LastErrorAt = Engine.Clock.GetUtcNow();
    }

    protected string KeyOf(Event e) => Spec.KeyBy is { } keyBy ? keyBy(e) ?? "" : "";

    protected AlertTrack Track(string key)
    {
        if (!Tracks.TryGetValue(key, out var track))
        {
            track = CreateTrack();
            track.Key = key;
            track.Fingerprint = Fingerprint.Of(Spec.Name, key);
            Tracks[key] = track;
        }

        if (!track.Dirty)
            Engine.Touched(this, track);
        return track;
    }

    protected virtual AlertTrack CreateTrack() => new();

    protected void Pend(AlertTrack track, DateTimeOffset activeAt, Event? trigger)
    {
        Describe(track, trigger);
        track.ActiveAt = activeAt;
        track.State = AlertState.Pending;
        Engine.Changed(this, track, null, trigger);
    }

    protected void Fire(AlertTrack track, DateTimeOffset activeAt, DateTimeOffset firedAt, Event? trigger)
    {
        var previous = track.State;
        Describe(track, trigger);
        if (previous is null || activeAt < track.ActiveAt)
            track.ActiveAt = activeAt; // a late event may show the condition began before the pending alert knew
        track.FiredAt = firedAt;
        track.State = AlertState.Firing;
        Engine.Changed(this, track, previous, trigger);
    }

    protected void Resolve(AlertTrack track, DateTimeOffset at, Event? trigger, string? by = null, string? comment = null)
    {
        var previous = track.State;
        track.State = AlertState.Resolved;
        Engine.Changed(this, track, previous, trigger, endsAt: at, by: by, comment: comment);
        track.State = null;
        track.FiredAt = null;
        track.AcknowledgedBy = null;
        track.AcknowledgedAt = null;
        track.Since = null;
        track.ClearingSince = null;
        track.ClearingSinceHost = null;
    }

    /// <summary>Snapshot is the alert as receivers see it now; evaluators whose tracks differ in rule name override it.</summary>
    public virtual Alert Snapshot(AlertTrack track, DateTimeOffset? endsAt) => new()
    {
        Fingerprint = track.Fingerprint,
        Rule = Spec.Name,
        Key = track.Key,
        State = track.State ?? AlertState.Resolved,
        Severity = track.Severity,
        Summary = track.Summary,
        Description = track.Description,
        Runbook = Spec.Runbook,
        Labels = track.Labels,
        StartsAt = track.ActiveAt,
        FiredAt = track.FiredAt,
        EndsAt = endsAt,
        Value = track.Value,
        Targets = Spec.NotifyTo,
        AcknowledgedBy = track.AcknowledgedBy,
        AcknowledgedAt = track.AcknowledgedAt,
    };

    /// <summary>Describe renders severity, summary, description and labels from the triggering event with the rule's own code.</summary>
    private void Describe(AlertTrack track, Event? trigger)
    {
        var e = trigger ?? NoEvent;
        track.Severity = Guard(() => Spec.Severity(e), Severity.Warning);
        track.Summary = Spec.Summary is { } summary ? Guard(() => summary(e), DefaultSummary(track)) : DefaultSummary(track);
        track.Description = Spec.Description is { } description ? Guard(() => description(e), null) : null;
        track.Labels = Spec.Labels.Count > 0 ? Spec.Labels.ToDictionary(l => l.Name, l => Guard(() => l.Value(e), "")) : NoLabels;
    }

    private string DefaultSummary(AlertTrack track) => track.Key.Length == 0 ? Spec.Name : $"{Spec.Name} on {track.Key}";

    private T Guard<T>(Func<T> render, T fallback)
    {
        try
        {
            return render() ?? fallback;
        }
        catch (Exception e)
        {
            Fault(e);
            return fallback;
        }
    }
}
