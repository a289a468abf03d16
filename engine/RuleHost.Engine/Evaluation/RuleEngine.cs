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
internal sealed class RuleEngine(TimeProvider clock, IAlertObserver observer, GuardBudget? budget = null)
{
    private GuardBudget _budget = budget ?? GuardBudgets.Evaluation();

    // Watched by EvaluationWatchdog from another thread: whether rule code is running, which rule, and a progress count.
    private RuleEvaluator[] _running = [];
    private int _runningIndex;
    private int _busy;
    private long _progress;
    private int _owner;

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

    // Persistence: tracks changed since the last checkpoint, keys forgotten, and saved tracks waiting for their rule.
    private List<(RuleIdentity Rule, AlertTrack Track)> _dirty = [];
    private List<(string Rule, string Key)> _forgotten = [];
    private Dictionary<string, List<TrackState>> _restoring = new(StringComparer.Ordinal);

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

    /// <summary>Progress counts rule evaluations; the watchdog sees a stuck evaluation as no progress while busy.</summary>
    public long Progress => Volatile.Read(ref _progress);

    public bool Busy => Volatile.Read(ref _busy) != 0;

    /// <summary>RunningRule is the rule being evaluated now, as seen from another thread (best effort).</summary>
    public RuleEvaluator? RunningRule => Volatile.Read(ref _running) is { } rules && _runningIndex < rules.Length ? rules[_runningIndex] : null;

    /// <summary>TakeOwnership makes the calling thread the engine's only evaluator, with a fresh budget; an abandoned thread stops at its next engine step.</summary>
    public GuardBudget TakeOwnership()
    {
        var previous = _budget;
        _owner = Environment.CurrentManagedThreadId;
        _budget = GuardBudgets.Evaluation();
        _busy = 0;
        return previous;
    }

    /// <summary>Budget is the evaluating thread's current allowance (the watchdog cancels it).</summary>
    public GuardBudget Budget => _budget;

    /// <summary>QuarantineNow disables a rule at once, as when the watchdog had to abandon its evaluation.</summary>
    public void QuarantineNow(RuleEvaluator rule, string reason)
    {
        if (!_byName.TryGetValue(rule.Spec.Name, out var current) || !ReferenceEquals(current, rule))
            return;
        rule.Fault(new RuleBudgetExceededException(reason));
        Quarantine(rule);
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

    /// <summary>Touched notes a track that changed, for the next checkpoint.</summary>
    public void Touched(RuleEvaluator rule, AlertTrack track)
    {
        EnsureOwner();
        track.Dirty = true;
        _dirty.Add((rule.Identity, track));
    }

    /// <summary>Forgot notes a key the rule no longer remembers, so the state store drops it too.</summary>
    public void Forgot(RuleEvaluator rule, string key) => _forgotten.Add((rule.Spec.Name, key));

    /// <summary>Checkpoint takes what changed since the last one: the tracks to save and the keys to drop.</summary>
    public TrackCheckpoint Checkpoint()
    {
        var saved = new List<TrackState>(_dirty.Count);
        foreach (var (rule, track) in _dirty)
        {
            track.Dirty = false;
            saved.Add(track.Save(rule));
        }

        var checkpoint = new TrackCheckpoint(saved, _forgotten);
        _dirty = [];
        _forgotten = [];
        return checkpoint;
    }

    /// <summary>Restore hands the engine the tracks saved by an earlier run; each is taken over when its rule is applied.</summary>
    public void Restore(IEnumerable<TrackState> saved)
    {
        foreach (var group in saved.GroupBy(t => t.Rule, StringComparer.Ordinal))
        {
            if (group.Key == ExternalAlertEvaluator.Name)
                External.Restore(group); // posted alerts belong to no rule file: theirs is always here
            else
                _restoring[group.Key] = [.. group];
        }

        if (_byName.Count > 0)
            RestoreSaved(_byName.Values, Rules, Clock.GetUtcNow());
    }

    /// <summary>Acknowledge acknowledges a firing alert; see <see cref="AlertCommandResult"/>.</summary>
    public AlertCommandResult Acknowledge(Alert alert, string by, string? comment) =>
        Command(alert, (r, t) => r.Acknowledge(t, by, comment));

    /// <summary>ResolveByHand resolves an active alert.</summary>
    public AlertCommandResult ResolveByHand(Alert alert, string by, string? comment) =>
        Command(alert, (r, t) => r.ResolveByHand(t, by, comment));

    /// <summary>ResolveStale resolves alerts remembered as active that no rule holds any more (e.g. RuleQuarantined after a restart).</summary>
    public void ResolveStale(IEnumerable<Alert> active)
    {
        var now = Clock.GetUtcNow();
        foreach (var alert in active)
        {
            if (alert.IsActive && Owner(alert) is null && !_restoring.ContainsKey(alert.Rule))
                observer.OnTransition(new AlertTransition(alert with { State = AlertState.Resolved, EndsAt = now }, alert.State, Comment: "no rule holds it after the restart"));
        }
    }

    /// <summary>Owner finds the rule and track behind an alert, by fingerprint: a rule and a posted alert may share a name.</summary>
    private (RuleEvaluator Rule, AlertTrack Track)? Owner(Alert alert)
    {
        if (_byName.TryGetValue(alert.Rule, out var rule) && rule.Find(alert.Key) is { } track && track.Fingerprint == alert.Fingerprint)
            return (rule, track);
        return _external?.Find(alert.Fingerprint) is { } posted ? (_external, posted) : null;
    }

    private AlertCommandResult Command(Alert alert, Func<RuleEvaluator, AlertTrack, bool> command)
    {
        if (Owner(alert) is not var (evaluator, track))
            return AlertCommandResult.NotFound;
        RuleGuard.Use(_budget);
        _budget.Reset();
        return command(evaluator, track) ? AlertCommandResult.Done : AlertCommandResult.WrongState;
    }

    /// <summary>RestoreSaved gives rules their saved tracks; a saved alert whose rule is gone (not just failing to load) resolves.</summary>
    private void RestoreSaved(IEnumerable<RuleEvaluator> rules, RuleSet set, DateTimeOffset now)
    {
        if (_restoring.Count == 0)
            return;
        foreach (var rule in rules)
        {
            if (_restoring.Remove(rule.Spec.Name, out var saved))
                rule.Restore(saved.Where(t => t.Kind == rule.Spec.Kind));
        }

        var loadedFiles = set.Rules.Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, saved) in _restoring.ToList())
        {
            var file = saved[0].File;
            if (!loadedFiles.Contains(file) && File.Exists(file))
                continue; // its file is there but does not load (yet): keep waiting rather than resolve what may still be true
            _restoring.Remove(name);
            foreach (var track in saved.Where(t => t.State is not null))
                ResolveOrphan(track, now);
            _forgotten.AddRange(saved.Select(t => (t.Rule, t.Key)));
        }
    }

    private void ResolveOrphan(TrackState track, DateTimeOffset now) =>
        observer.OnTransition(new AlertTransition(SavedAlert(track) with { State = AlertState.Resolved, EndsAt = now }, track.State, Comment: "its rule no longer exists"));

    /// <summary>ActiveAlerts snapshots every active alert the engine holds, saved ones waiting for their rule included (to fill the alert index after a restart).</summary>
    public IEnumerable<Alert> ActiveAlerts()
    {
        var rules = _external is null ? _byName.Values : _byName.Values.Append(_external);
        foreach (var rule in rules)
        {
            foreach (var track in rule.ActiveTracks)
                yield return rule.Snapshot(track, null);
        }

        foreach (var track in _restoring.Values.SelectMany(t => t).Where(t => t.State is not null))
            yield return SavedAlert(track);
    }

    private static Alert SavedAlert(TrackState track) =>
        new()
        {
            Fingerprint = track.Fingerprint,
            Rule = track.Rule,
            Key = track.Key,
            Severity = track.Severity,
            Summary = track.Summary,
            Description = track.Description,
            Labels = track.Labels ?? new Dictionary<string, string>(),
            State = track.State ?? AlertState.Resolved,
            StartsAt = track.ActiveAt,
            FiredAt = track.FiredAt,
            Value = track.Value,
            AcknowledgedBy = track.AcknowledgedBy,
            AcknowledgedAt = track.AcknowledgedAt,
        };

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

    /// <summary>EnsureOwner stops a thread the watchdog abandoned from touching the engine once its library call returns.</summary>
    private void EnsureOwner()
    {
        if (_owner != 0 && _owner != Environment.CurrentManagedThreadId)
            throw new EvaluationAbandonedException();
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
