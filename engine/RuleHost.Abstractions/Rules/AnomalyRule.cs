using System.Runtime.CompilerServices;

namespace RuleHost.Rules;

/// <summary>AnomalyRule fires when a value strays from its adaptive baseline (mean and deviation over a window).</summary>
public sealed class AnomalyRule : EventRuleBuilder<AnomalyRule>
{
    internal AnomalyRule(RuleSpec spec)
        : base(spec)
    {
    }

    /// <summary>Over is the window of the baseline, in event time.</summary>
    public AnomalyRule Over(TimeSpan window, [CallerLineNumber] int line = 0)
    {
        Spec.Window = Positive(window, nameof(Over), line);
        return this;
    }

    /// <summary>Above fires when the value is more than zScore standard deviations above the baseline mean.</summary>
    public AnomalyRule Above(double zScore, [CallerLineNumber] int line = 0)
    {
        Spec.Above = PositiveScore(zScore, line);
        return this;
    }

    /// <summary>Below fires when the value is more than zScore standard deviations below the baseline mean.</summary>
    public AnomalyRule Below(double zScore, [CallerLineNumber] int line = 0)
    {
        Spec.Below = PositiveScore(zScore, line);
        return this;
    }

    /// <summary>MinEvents is how many events the baseline needs before values are judged against it.</summary>
    public AnomalyRule MinEvents(int count, [CallerLineNumber] int line = 0)
    {
        if (count < 2)
            Spec.Problem("RH0103", $"MinEvents must be at least 2 for a baseline (was {count})", line);
        Spec.MinEvents = count;
        return this;
    }

    public AnomalyRule For(TimeSpan duration, [CallerLineNumber] int line = 0)
    {
        Spec.For = NonNegative(duration, nameof(For), line);
        return this;
    }

    private double PositiveScore(double zScore, int line)
    {
        if (!(zScore > 0))
            Spec.Problem("RH0103", $"a z-score must be positive (was {zScore})", line);
        return zScore;
    }
}
