using System.Runtime.CompilerServices;

namespace RuleHost.Rules;

/// <summary>ThresholdRule fires when a condition on matched events holds for a duration (event time).</summary>
public sealed class ThresholdRule : EventRuleBuilder<ThresholdRule>
{
    internal ThresholdRule(RuleSpec spec)
        : base(spec)
    {
    }

    /// <summary>When is the firing condition; a matched event failing it resolves the alert (unless ResolveWhen is set).</summary>
    public ThresholdRule When(Func<Event, bool> condition)
    {
        Spec.When = condition;
        return this;
    }

    /// <summary>For is how long the condition must hold, in event time, before the alert fires.</summary>
    public ThresholdRule For(TimeSpan duration, [CallerLineNumber] int line = 0)
    {
        Spec.For = NonNegative(duration, nameof(For), line);
        return this;
    }
}
