using System.Runtime.CompilerServices;

namespace RuleHost.Rules;

/// <summary>RateRule fires when the share of matched events that are counted exceeds a ratio over a sliding window.</summary>
public sealed class RateRule : EventRuleBuilder<RateRule>
{
    internal RateRule(RuleSpec spec)
        : base(spec)
    {
    }

    /// <summary>Count selects, among matched events, the ones that count against the ratio (for example errors).</summary>
    public RateRule Count(Func<Event, bool> predicate)
    {
        Spec.Count = predicate;
        return this;
    }

    /// <summary>Over is the sliding window, in event time.</summary>
    public RateRule Over(TimeSpan window, [CallerLineNumber] int line = 0)
    {
        Spec.Window = Positive(window, nameof(Over), line);
        return this;
    }

    /// <summary>Above is the ratio (0 to 1) of counted to matched events above which the rule fires.</summary>
    public RateRule Above(double ratio, [CallerLineNumber] int line = 0)
    {
        if (!(ratio >= 0 && ratio <= 1))
            Spec.Problem("RH0103", $"Above takes a ratio between 0 and 1 (was {ratio})", line);
        Spec.Above = ratio;
        return this;
    }

    /// <summary>MinEvents is how many matched events the window needs before the ratio is judged.</summary>
    public RateRule MinEvents(int count, [CallerLineNumber] int line = 0)
    {
        if (count < 1)
            Spec.Problem("RH0103", $"MinEvents must be at least 1 (was {count})", line);
        Spec.MinEvents = count;
        return this;
    }

    public RateRule For(TimeSpan duration, [CallerLineNumber] int line = 0)
    {
        Spec.For = NonNegative(duration, nameof(For), line);
        return this;
    }
}
