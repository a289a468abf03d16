namespace RuleHost.Engine.Evaluation;

/// <summary>VirtualClock is a host clock that only moves when told to: replay and rule tests drive it from event time.</summary>
internal sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
