using System.Runtime.CompilerServices;

namespace RuleHost.Rules;

/// <summary>HeartbeatRule fires when a key that was seen goes quiet (host clock); its next event resolves it.</summary>
public sealed class HeartbeatRule : EventRuleBuilder<HeartbeatRule>
{
    internal HeartbeatRule(RuleSpec spec)
        : base(spec)
    {
    }

    public HeartbeatRule MissingFor(TimeSpan quiet, [CallerLineNumber] int line = 0)
    {
        Spec.MissingFor = Positive(quiet, nameof(MissingFor), line);
        return this;
    }
}
