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
                Tracks.Remove(key);
        }
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

    protected void Resolve(AlertTrack track, DateTimeOffset at, Event? trigger)
    {
        var previous = track.State;
        track.State = AlertState.Resolved;
        Engine.Changed(this, track, previous, trigger, endsAt: at);
        track.State = null;
        track.FiredAt = null;
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
