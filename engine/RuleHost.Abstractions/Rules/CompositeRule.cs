namespace RuleHost.Rules;

/// <summary>CompositeRule fires from other rules' alerts that share a key: all of them (AND) or any of them (OR).</summary>
public sealed class CompositeRule : RuleBuilder<CompositeRule>
{
    internal CompositeRule(RuleSpec spec)
        : base(spec)
    {
    }

    public CompositeRule AllOf(params string[] rules) => Combine(rules, requireAll: true);

    public CompositeRule AnyOf(params string[] rules) => Combine(rules, requireAll: false);

    private CompositeRule Combine(string[] rules, bool requireAll)
    {
        Spec.Components.Clear();
        Spec.Components.AddRange(rules.Distinct());
        Spec.RequireAll = requireAll;
        return this;
    }
}
