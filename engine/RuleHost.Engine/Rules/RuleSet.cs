using RuleHost.Rules;

namespace RuleHost.Engine.Rules;

/// <summary>RuleSet is one immutable generation of every loaded rule and route, swapped into the engine as a whole.</summary>
internal sealed class RuleSet(long generation, IReadOnlyList<RuleSpec> rules, IReadOnlyList<RouteSpec> routes)
{
    public static readonly RuleSet Empty = new(0, [], []);

    public long Generation { get; } = generation;

    public IReadOnlyList<RuleSpec> Rules { get; } = rules;

    public IReadOnlyList<RouteSpec> Routes { get; } = routes;
}
