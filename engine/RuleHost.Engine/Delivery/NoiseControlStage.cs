using RuleHost.Notifications;

namespace RuleHost.Engine.Delivery;

/// <summary>NoiseControlStage turns alert changes into notifications per target and owns the timers: SuppressFor repeats and EscalateTo.</summary>
/// <remarks>
/// Acknowledging stops repeats and escalations; the acknowledgement and the resolve also reach targets the alert was
/// escalated to. A resolve goes to every target that does not opt out with <c>"SendResolved": false</c>.
/// </remarks>
internal sealed class NoiseControlStage(TargetCatalog targets) : IDeliveryStage
{
    private readonly Dictionary<string, Tracked> _tracked = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _timers = new();

    public DateTimeOffset? NextDue => _timers.TryPeek(out _, out var due) ? due : null;

    /// <summary>Admit makes the notifications of a batch of alert changes and starts or stops their timers.</summary>
    public List<Outgoing> Admit(IReadOnlyList<NotifiableChange> changes, DateTimeOffset now)
    {
        var batch = new List<Outgoing>(changes.Count);
        foreach (var change in changes)
        {
            var fingerprint = change.Alert.Fingerprint;
            var tracked = _tracked.GetValueOrDefault(fingerprint);
            var to = tracked is null ? change.Targets : [.. change.Targets.Union(tracked.Escalated)];
            switch (change.Kind)
            {
                case NotificationKind.Firing:
                    Track(change, now);
                    break;
                case NotificationKind.Acknowledged:
                    tracked?.Acknowledge();
                    break;
                case NotificationKind.Resolved:
                    _tracked.Remove(fingerprint);
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

    private void Track(NotifiableChange change, DateTimeOffset now)
    {
        if (change.Policy.SuppressFor is null && change.Policy.Escalations.Count == 0)
            return;
        var tracked = new Tracked(change, now);
        _tracked[change.Alert.Fingerprint] = tracked;
        foreach (var due in tracked.Timers())
            _timers.Enqueue(change.Alert.Fingerprint, due);
    }

    private void Fire(Tracked tracked, DateTimeOffset now, List<Outgoing> batch)
    {
        var change = tracked.Change;
        if (tracked.NextRepeat <= now)
        {
            foreach (var target in change.Targets)
                batch.Add(new Outgoing(change.Alert, target, NotificationKind.Repeat, change.Policy.Template));
            tracked.NextRepeat = now + change.Policy.SuppressFor!.Value;
            _timers.Enqueue(change.Alert.Fingerprint, tracked.NextRepeat.Value);
        }

        foreach (var (target, _) in tracked.TakeDueEscalations(now))
            batch.Add(new Outgoing(change.Alert, target, NotificationKind.Escalation, change.Policy.Template));
    }

    /// <summary>Tracked is the timer state of one firing alert.</summary>
    private sealed class Tracked(NotifiableChange change, DateTimeOffset firedAt)
    {
        private readonly List<(string Target, DateTimeOffset Due)> _escalations =
            [.. change.Policy.Escalations.Select(e => (e.Target, firedAt + e.After))];

        public NotifiableChange Change { get; } = change;

        public DateTimeOffset? NextRepeat { get; set; } = firedAt + change.Policy.SuppressFor;

        public bool Acknowledged { get; private set; }

        public List<string> Escalated { get; } = [];

        public IEnumerable<DateTimeOffset> Timers() =>
            NextRepeat is { } repeat ? _escalations.Select(e => e.Due).Append(repeat) : _escalations.Select(e => e.Due);

        public void Acknowledge() => Acknowledged = true;

        public List<(string Target, DateTimeOffset Due)> TakeDueEscalations(DateTimeOffset now)
        {
            var due = _escalations.Where(e => e.Due <= now).ToList();
            _escalations.RemoveAll(e => e.Due <= now);
            Escalated.AddRange(due.Select(e => e.Target));
            return due;
        }
    }
}
