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
    public TSelf Match(Func<Event, bool> predicate)
    {
        var previous = Spec.Match;
        Spec.Match = previous is null ? predicate : e => previous(e) && predicate(e);
        return (TSelf)this;
    }
}
