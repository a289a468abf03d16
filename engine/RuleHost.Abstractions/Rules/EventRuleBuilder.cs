using System.Runtime.CompilerServices;

namespace RuleHost.Rules;

/// <summary>EventRuleBuilder is the base of the rule kinds that look at events, adding Match.</summary>
public abstract class EventRuleBuilder<TSelf> : RuleBuilder<TSelf>
    where TSelf : EventRuleBuilder<TSelf>
{
    private protected EventRuleBuilder(RuleSpec spec)
        : base(spec)
    {
    }

    /// <summary>Match selects the events this rule looks at; calling it twice requires both.</summary>
    /// <remarks>The expression text lets the engine index rules by the exact field values they compare with.</remarks>
    public TSelf Match(Func<Event, bool> predicate, [CallerArgumentExpression(nameof(predicate))] string? expression = null)
    {
        var previous = Spec.Match;
        Spec.Match = previous is null ? predicate : e => previous(e) && predicate(e);
        Spec.MatchExpressions.Add(expression ?? "");
        return (TSelf)this;
    }
}
