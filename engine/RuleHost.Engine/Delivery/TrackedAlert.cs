namespace RuleHost.Engine.Delivery;

/// <summary>TrackedAlert is the timer state of one firing (or acknowledged) alert: its durable part and the change that carries its targets and the rule's policy.</summary>
internal sealed class TrackedAlert(NotifiableChange change, AlertTimers timers)
{
    /// <summary>Change is the latest change heard for the alert: its snapshot, targets and the rule's policy.</summary>
    public NotifiableChange Change { get; set; } = change;

    public AlertTimers Timers { get; private set; } = timers;

    public bool Acknowledged => Timers.Acknowledged;

    public DateTimeOffset? NextRepeat => Change.Policy.SuppressFor is { } every ? Timers.LastNotified + every : null;

    /// <summary>Escalated are the targets the alert was escalated to, which also hear its acknowledgement and resolve.</summary>
    public IEnumerable<string> Escalated => Timers.Escalated.Select(e => e.Target).Distinct(StringComparer.Ordinal);

    private IEnumerable<(string Target, TimeSpan After)> Unmade => Change.Policy.Escalations.Where(e => !Timers.Escalated.Contains(e));

    /// <summary>Due lists when the escalations not yet made and the next repeat fall due.</summary>
    public IEnumerable<DateTimeOffset> Due()
    {
        var escalations = Unmade.Select(e => Timers.FiredAt + e.After);
        return NextRepeat is { } repeat ? escalations.Append(repeat) : escalations;
    }

    public void Acknowledge() => Timers = Timers with { Acknowledged = true };

    public void Repeated(DateTimeOffset at) => Timers = Timers with { LastNotified = at };

    /// <summary>TakeDueEscalations marks the escalations due by <paramref name="now"/> as made and returns their targets.</summary>
    public List<string> TakeDueEscalations(DateTimeOffset now)
    {
        var due = Unmade.Where(e => Timers.FiredAt + e.After <= now).ToList();
        if (due.Count > 0)
            Timers = Timers with { Escalated = [.. Timers.Escalated, .. due] };
        return [.. due.Select(e => e.Target)];
    }
}
