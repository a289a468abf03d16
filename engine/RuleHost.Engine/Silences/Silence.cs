namespace RuleHost.Engine.Silences;

/// <summary>Silence mutes the notifications of every alert its matchers all match, from <see cref="StartsAt"/> until <see cref="EndsAt"/>.</summary>
internal sealed record Silence
{
    public required string Id { get; init; }

    public required IReadOnlyList<SilenceMatcher> Matchers { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    public string CreatedBy { get; init; } = "";

    public string Comment { get; init; } = "";

    public required DateTimeOffset UpdatedAt { get; init; }

    public SilenceState StateAt(DateTimeOffset now) =>
        now >= EndsAt ? SilenceState.Expired : now < StartsAt ? SilenceState.Pending : SilenceState.Active;

    /// <summary>Mutes tells whether this silence is active at <paramref name="now"/> and matches the alert.</summary>
    public bool Mutes(Alert alert, DateTimeOffset now)
    {
        if (StateAt(now) != SilenceState.Active)
            return false;
        foreach (var matcher in Matchers)
        {
            if (!matcher.Matches(alert))
                return false;
        }

        return true;
    }
}
