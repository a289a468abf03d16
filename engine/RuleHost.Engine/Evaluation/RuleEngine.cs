using RuleHost.Engine.Alerts;
using RuleHost.Engine.Rules;
using RuleHost.Engine.Sandbox;
using RuleHost.Rules;
using RuleHost.Sandbox;

namespace RuleHost.Engine.Evaluation;

/// <summary>RuleEngine evaluates every rule of the current <see cref="RuleSet"/> against events and timers.</summary>
/// <remarks>
/// Not thread-safe by design: one evaluation thread owns it (see EvaluationLoop), which is what makes a rule-set
/// swap atomic between two events. Rules whose Match compares a field with literals are found through an index
/// instead of being asked about every event.
/// </remarks>
internal sealed partial class RuleEngine(TimeProvider clock, IAlertObserver observer, GuardBudget? budget = null)
{
    private GuardBudget _budget = budget ?? GuardBudgets.Evaluation();

    /// <summary>RuleQuarantined is the rule name of the alert raised when a rule is disabled for faulting.</summary>
    public const string RuleQuarantined = "RuleQuarantined";

    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan IdleKeyRetention = TimeSpan.FromHours(1);

    private Dictionary<string, RuleEvaluator> _byName = new(StringComparer.Ordinal);
    private Dictionary<string, CompositeEvaluator[]> _dependents = new(StringComparer.Ordinal);
    private (Func<Event, string?> Field, Dictionary<string, RuleEvaluator[]> Rules)[] _indexes = [];
    private RuleEvaluator[] _unindexed = [];
    private RuleEvaluator[] _ticking = [];
    private DateTimeOffset _lastSweep = clock.GetUtcNow();

    private readonly Dictionary<string, Alert> _quarantines = new(StringComparer.Ordinal);

    public TimeProvider Clock { get; } = clock;

    /// <summary>QuarantineAfter is how many faults in a row disable a rule (until its file changes).</summary>
    public int QuarantineAfter { get; init; } = 10;

    public RuleSet Rules { get; private set; } = RuleSet.Empty;

    public IReadOnlyCollection<RuleEvaluator> Evaluators => _byName.Values;

    public RuleEvaluator? Find(string rule) => _byName.GetValueOrDefault(rule);

    /// <summary>External owns the alerts posted in Alertmanager's format (tracks keyed by fingerprint); one per engine, it outlives rule-set swaps.</summary>
    public ExternalAlertEvaluator External => _external ??= new ExternalAlertEvaluator(this);

    private ExternalAlertEvaluator? _external;

    public void Evaluate(Event e)
    {
        RuleGuard.Use(_budget);
        _busy = 1;
        foreach (var (field, rules) in _indexes)
        {
            if (field(e) is { } value && rules.TryGetValue(value, out var candidates))
                Run(candidates, e);
        }

        Run(_unindexed, e);
        _busy = 0;
    }

    /// <summary>Tick runs host-clock timers (heartbeats, ResolveAfter, KeepFiringFor) and forgets idle keys now and then.</summary>
    public void Tick()
    {
        var now = Clock.GetUtcNow();
        RuleGuard.Use(_budget);
        _busy = 1;
        _running = _ticking;
        for (var i = 0; i < _ticking.Length; i++)
        {
            var rule = _ticking[i];
            try
            {
                EnsureOwner();
                _runningIndex = i;
                _progress++;
                _budget.Reset();
                if (!rule.Quarantined)
                    rule.Tick(now);
            }
            catch (Exception e) when (e is not EvaluationAbandonedException)
            {
                EnsureOwner();
                Fault(rule, e);
            }
        }

        _busy = 0;

        try
        {
            _external?.Tick(now);
        }
        catch (Exception e)
        {
            _external!.Fault(e); // an observer failed; counted, and the next tick tries again
        }

        if (now - _lastSweep < SweepEvery)
            return;
        _lastSweep = now;
        foreach (var rule in _byName.Values)
            rule.Sweep(now, IdleKeyRetention);
        _external?.Sweep(now, IdleKeyRetention);
    }

    /// <summary>Apply swaps in a new rule set: rules that kept their name and kind keep their alerts; removed rules resolve theirs.</summary>
    public void Apply(RuleSet set)
    {
        RuleGuard.Use(_budget);
        _budget.Reset();
        var previous = _byName;
        var next = new Dictionary<string, RuleEvaluator>(StringComparer.Ordinal);
        var changedComposites = new List<CompositeEvaluator>();
        foreach (var spec in set.Rules)
        {
            if (next.ContainsKey(spec.Name))
                continue;
            previous.TryGetValue(spec.Name, out var old);
            if (old is not null && ReferenceEquals(old.Spec, spec))
            {
                next[spec.Name] = old;
                continue;
            }

            var evaluator = Create(spec);
            if (old is not null && old.Spec.Kind == spec.Kind)
                evaluator.AdoptFrom(old);
            if (evaluator is CompositeEvaluator composite)
                changedComposites.Add(composite);
            next[spec.Name] = evaluator;
        }

        Install(set, next);
        _running = []; // the watchdog's view must not keep the replaced versions loaded
        var now = Clock.GetUtcNow();
        EndQuarantines(now);
        foreach (var (name, old) in previous)
        {
            if (!next.TryGetValue(name, out var current) || current.Spec.Kind != old.Spec.Kind)
            {
                old.ResolveAll(now);
                old.ForgetAll();
            }
        }

        RestoreSaved(next.Values.Where(r => !previous.ContainsKey(r.Spec.Name)), set, now);

        foreach (var composite in changedComposites)
        {
            foreach (var key in composite.CandidateKeys().Concat(composite.ActiveTracks.Select(t => t.Key)).Distinct().ToList())
                composite.Reconsider(key, null, now);
        }
    }

    /// <summary>Changed publishes a transition and lets composites over the rule re-judge the key.</summary>
    public void Changed(RuleEvaluator rule, AlertTrack track, AlertState? previous, Event? trigger, DateTimeOffset? endsAt = null, string? by = null, string? comment = null)
    {
        EnsureOwner();
        if (!track.Dirty)
            Touched(rule, track);
        observer.OnTransition(new AlertTransition(rule.Snapshot(track, endsAt), previous, by, comment));
        var wasFiring = previous is AlertState.Firing or AlertState.Acknowledged;
        if (wasFiring == track.IsFiring || !_dependents.TryGetValue(rule.Spec.Name, out var composites))
            return;
        var at = endsAt ?? trigger?.Timestamp ?? Clock.GetUtcNow();
        foreach (var composite in composites)
            composite.Reconsider(track.Key, trigger, at);
    }

    public bool IsFiring(string rule, string key) => _byName.TryGetValue(rule, out var r) && r.Find(key) is { IsFiring: true };

    public IEnumerable<string> ActiveKeys(string rule) =>
        _byName.TryGetValue(rule, out var r) ? r.ActiveTracks.Select(t => t.Key) : [];

    private void Run(RuleEvaluator[] rules, Event e)
    {
        _running = rules;
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            try
            {
                EnsureOwner();
                _runningIndex = i;
                _progress++;
                _budget.Reset();
                if (rule.Quarantined || !rule.Match(e))
                    continue;
                if ((++rule.Counters.Matched & (RuleCounters.SampleEvery - 1)) == 0)
                    EvaluateTimed(rule, e);
                else
                    rule.Evaluate(e);
                rule.Counters.ConsecutiveFaults = 0;
            }
            catch (Exception ex) when (ex is not EvaluationAbandonedException)
            {
                EnsureOwner();
                Fault(rule, ex);
            }
        }
    }

    /// <summary>EvaluateTimed is Evaluate for the sampled evaluations: their time, faults included, feeds the per-rule time metric.</summary>
    private static void EvaluateTimed(RuleEvaluator rule, Event e)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            rule.Evaluate(e);
        }
        finally
        {
            rule.Counters.SampledTicks += System.Diagnostics.Stopwatch.GetTimestamp() - start;
        }
    }

    /// <summary>Fault counts a failed evaluation and quarantines the rule once it failed QuarantineAfter times in a row.</summary>
    private void Fault(RuleEvaluator rule, Exception exception)
    {
        rule.Fault(exception, _budget);
        if (rule.Quarantined || rule.Counters.ConsecutiveFaults < QuarantineAfter)
            return;
        Quarantine(rule);
    }

    private void Quarantine(RuleEvaluator rule)
    {
        if (rule.Quarantined)
            return;
        rule.Quarantined = true;
        var now = Clock.GetUtcNow();
        var alert = new Alert
        {
            Fingerprint = Fingerprint.Of(RuleQuarantined, rule.Spec.Name),
            Rule = RuleQuarantined,
            Key = rule.Spec.Name,
            State = AlertState.Firing,
            Severity = Severity.Error,
            Summary = $"rule {rule.Spec.Name} is disabled after {rule.Counters.ConsecutiveFaults} faults in a row: {rule.Counters.LastError}",
            Description = "It stays disabled until its file is saved again.",
            Labels = new Dictionary<string, string> { ["file"] = Path.GetFileName(rule.Spec.File) },
            StartsAt = now,
            FiredAt = now,
        };
        _quarantines[rule.Spec.Name] = alert;
        observer.OnTransition(new AlertTransition(alert, null));
    }

    /// <summary>EndQuarantines resolves the RuleQuarantined alert of every rule that was edited or removed.</summary>
    private void EndQuarantines(DateTimeOffset now)
    {
        foreach (var (name, alert) in _quarantines.ToList())
        {
            if (_byName.TryGetValue(name, out var rule) && rule.Quarantined)
                continue;
            _quarantines.Remove(name);
            observer.OnTransition(new AlertTransition(alert with { State = AlertState.Resolved, EndsAt = now }, AlertState.Firing));
        }
    }

    private void Install(RuleSet set, Dictionary<string, RuleEvaluator> rules)
    {
        var eventRules = rules.Values.Where(r => r.Spec.Kind != RuleKind.Composite).ToList();
        _indexes = [.. eventRules
            .Where(r => r.MatchKey is not null)
            .GroupBy(r => r.MatchKey!.Field)
            .Select(field => (MatchKey.Fields[field.Key], field
                .SelectMany(r => r.MatchKey!.Values.Select(v => (Value: v, Rule: r)))
                .GroupBy(x => x.Value, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(x => x.Rule).ToArray(), StringComparer.Ordinal)))];
        _unindexed = [.. eventRules.Where(r => r.MatchKey is null)];
        _ticking = [.. rules.Values.Where(r => r.NeedsTick)];
        _dependents = rules.Values.OfType<CompositeEvaluator>()
            .SelectMany(c => c.Spec.Components.Select(component => (component, c)))
            .GroupBy(x => x.component, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.c).ToArray(), StringComparer.Ordinal);
        _byName = rules;
        Rules = set;
    }

    private RuleEvaluator Create(RuleSpec spec) => spec.Kind switch
    {
        RuleKind.Threshold => new ThresholdEvaluator(spec, this),
        RuleKind.Heartbeat => new HeartbeatEvaluator(spec, this),
        RuleKind.Rate => new RateEvaluator(spec, this),
        RuleKind.Anomaly => new AnomalyEvaluator(spec, this),
        RuleKind.Composite => new CompositeEvaluator(spec, this),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Kind, "unknown rule kind"),
    };
}
