namespace RuleHost.Engine.Delivery;

/// <summary>AlertTimers is what a restart needs to carry on one alert's repeats and escalations: one row of <c>alert_timers</c> (see <see cref="TimerStore"/>).</summary>
/// <param name="Episode">The alert's own FiredAt, telling one firing of the alert from the next (a Firing announced again by the journal replay is the same one).</param>
/// <param name="FiredAt">When noise control first heard it firing, on the host clock: escalations are due this long after.</param>
/// <param name="LastNotified">When its last Firing or Repeat notification was made: the next repeat is due SuppressFor after.</param>
/// <param name="Escalated">The escalations made so far, as the rule named them (target, after).</param>
/// <param name="Acknowledged">Acknowledged alerts neither repeat nor escalate; they are kept for their escalation targets (the resolve reaches them).</param>
internal sealed record AlertTimers(
    DateTimeOffset? Episode,
    DateTimeOffset FiredAt,
    DateTimeOffset LastNotified,
    IReadOnlyList<(string Target, TimeSpan After)> Escalated,
    bool Acknowledged)
{
    /// <summary>Firing starts the timers of an alert that starts firing now.</summary>
    public static AlertTimers Firing(Alert alert, DateTimeOffset now) => new(alert.FiredAt, now, now, [], false);

    /// <summary>Restored stands in for a row that is missing (the alert fired under an earlier version, or under a rule without timers): it counts from when the saved alert says it fired.</summary>
    /// <remarks>So an overdue escalation or repeat goes out at once rather than never: at least once, as everywhere on this path.</remarks>
    public static AlertTimers Restored(Alert alert)
    {
        var firedAt = alert.FiredAt ?? alert.StartsAt;
        return new(alert.FiredAt, firedAt, firedAt, [], alert.State == AlertState.Acknowledged);
    }

    /// <summary>SameEpisode says whether <paramref name="alert"/> is the firing these timers belong to (compared to the millisecond, as stored).</summary>
    public bool SameEpisode(Alert alert) => Episode?.ToUnixTimeMilliseconds() == alert.FiredAt?.ToUnixTimeMilliseconds();
}
