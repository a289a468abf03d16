using Microsoft.Extensions.Logging;
using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>NoiseControlStage turns alert changes into notifications per target and owns the timers: SuppressFor repeats and EscalateTo.</summary>
/// <remarks>
/// Acknowledging stops repeats and escalations; the acknowledgement and the resolve also reach targets the alert was
/// escalated to. A resolve goes to every target that does not opt out with <c>"SendResolved": false</c>.
/// The timers survive a restart: what changed in them is saved after each batch (<see cref="TimerCheckpointStage"/>), and
/// at start the alerts restored active are handed to <see cref="Resume"/>, which carries on from the saved rows: escalations
/// due when the alert started firing plus their delay (at once if that passed while the host was down), none made twice,
/// the next repeat SuppressFor after the last one made.
/// </remarks>
internal sealed class NoiseControlStage(TargetCatalog targets, TimerStore store, ILogger<NoiseControlStage> logger) : IDeliveryStage
{
    private readonly Dictionary<string, TrackedAlert> _tracked = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _timers = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    // The previous run's rows not yet taken over: by a restored alert, or by the first change heard for the alert.
    private Dictionary<string, AlertTimers>? _saved;

    public DateTimeOffset? NextDue => _timers.TryPeek(out _, out var due) ? due : null;

    /// <summary>Resume takes over the timers of alerts restored active (firing or acknowledged) at start; it makes no notification itself.</summary>
    /// <remarks>The policy and targets come from the rules loaded now; the times from the saved row, else from the saved alert.</remarks>
    public void Resume(IReadOnlyList<NotifiableChange> restored)
    {
        var resumed = 0;
        foreach (var change in restored)
        {
            var fingerprint = change.Alert.Fingerprint;
            if (_tracked.ContainsKey(fingerprint))
                continue; // a change heard since the restart already took it over
            var saved = Claim(fingerprint);
            if (saved is not null && !saved.SameEpisode(change.Alert))
            {
                saved = null; // a row of an earlier firing
                _changed.Add(fingerprint);
            }

            if (saved is null && !HasTimers(change.Policy))
                continue;
            var timers = saved ?? AlertTimers.Restored(change.Alert);
            if (change.Kind == NotificationKind.Acknowledged && !timers.Acknowledged)
            {
                timers = timers with { Acknowledged = true };
                _changed.Add(fingerprint);
            }

            Start(change, timers);
            resumed++;
        }

        if (resumed > 0)
            Log.TimersResumed(logger, resumed);
    }

    /// <summary>Admit makes the notifications of a batch of alert changes and starts or stops their timers.</summary>
    public List<Outgoing> Admit(IReadOnlyList<NotifiableChange> changes, DateTimeOffset now)
    {
        var batch = new List<Outgoing>(changes.Count);
        foreach (var change in changes)
        {
            var fingerprint = change.Alert.Fingerprint;
            var tracked = Find(change);

            // Escalation targets hear the acknowledgement and the resolve, not a Firing: the journal replay after a crash
            // announces the same firing again, and they had their escalation instead.
            var to = tracked is null || change.Kind == NotificationKind.Firing ? change.Targets : [.. change.Targets.Union(tracked.Escalated)];
            switch (change.Kind)
            {
                case NotificationKind.Firing:
                    Track(change, tracked, now);
                    break;
                case NotificationKind.Acknowledged when tracked is not null:
                    tracked.Acknowledge();
                    _changed.Add(fingerprint);
                    break;
                case NotificationKind.Resolved:
                    Forget(fingerprint);
                    to = [.. to.Where(t => targets.Find(t)?.SendResolved ?? true)];
                    break;
            }

            foreach (var target in to)
                batch.Add(new Outgoing(change.Alert, target, change.Kind, change.Policy.Template));
        }

        return batch;
    }

    /// <summary>Exec adds the repeats and escalations that fell due.</summary>
    public List<Outgoing> Exec(List<Outgoing> batch, DateTimeOffset now)
    {
        while (_timers.TryPeek(out var fingerprint, out var due) && due <= now)
        {
            _timers.Dequeue();
            if (_tracked.TryGetValue(fingerprint, out var tracked) && !tracked.Acknowledged)
                Fire(tracked, now, batch);
        }

        return batch;
    }

    /// <summary>HasChanges says whether any alert's timers changed since the last <see cref="TakeChanges"/>.</summary>
    public bool HasChanges => _changed.Count > 0;

    /// <summary>TakeChanges hands over the alerts whose timers changed since the last call, with their timers now (null: forget the alert).</summary>
    public List<(string Fingerprint, AlertTimers? Timers)> TakeChanges()
    {
        var changes = _changed.Select(f => (f, _tracked.GetValueOrDefault(f)?.Timers)).ToList();
        _changed.Clear();
        return changes;
    }

    /// <summary>Track starts the timers of an alert that starts firing; the same firing heard again (the journal replay after a crash announces it twice) keeps its timers.</summary>
    private void Track(NotifiableChange change, TrackedAlert? tracked, DateTimeOffset now)
    {
        if (tracked is not null && tracked.Timers.SameEpisode(change.Alert))
        {
            tracked.Change = change;
            return;
        }

        Forget(change.Alert.Fingerprint);
        if (HasTimers(change.Policy))
        {
            Start(change, AlertTimers.Firing(change.Alert, now));
            _changed.Add(change.Alert.Fingerprint);
        }
    }

    private void Start(NotifiableChange change, AlertTimers timers)
    {
        var tracked = new TrackedAlert(change, timers);
        _tracked[change.Alert.Fingerprint] = tracked;
        foreach (var due in tracked.Due())
            _timers.Enqueue(change.Alert.Fingerprint, due);
    }

    private void Forget(string fingerprint)
    {
        if (_tracked.Remove(fingerprint))
            _changed.Add(fingerprint);
    }

    /// <summary>Find returns the alert's tracked timers: in memory, else the previous run's row for it (taken over with this change's targets and policy).</summary>
    private TrackedAlert? Find(NotifiableChange change)
    {
        var fingerprint = change.Alert.Fingerprint;
        if (_tracked.TryGetValue(fingerprint, out var tracked))
            return tracked;
        if (Claim(fingerprint) is not { } saved)
            return null;
        Start(change, saved);
        return _tracked[fingerprint];
    }

    private AlertTimers? Claim(string fingerprint)
    {
        _saved ??= store.LoadAlertTimers();
        return _saved.Remove(fingerprint, out var saved) ? saved : null;
    }

    private void Fire(TrackedAlert tracked, DateTimeOffset now, List<Outgoing> batch)
    {
        var change = tracked.Change;
        var fingerprint = change.Alert.Fingerprint;
        if (tracked.NextRepeat <= now)
        {
            foreach (var target in change.Targets)
                batch.Add(new Outgoing(change.Alert, target, NotificationKind.Repeat, change.Policy.Template));
            tracked.Repeated(now);
            _timers.Enqueue(fingerprint, tracked.NextRepeat!.Value);
            _changed.Add(fingerprint);
        }

        foreach (var target in tracked.TakeDueEscalations(now))
        {
            batch.Add(new Outgoing(change.Alert, target, NotificationKind.Escalation, change.Policy.Template));
            _changed.Add(fingerprint);
        }
    }

    private static bool HasTimers(DeliveryPolicy policy) => policy.SuppressFor is not null || policy.Escalations.Count > 0;
}
