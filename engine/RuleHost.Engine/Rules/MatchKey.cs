namespace RuleHost.Engine.Rules;

/// <summary>MatchKey says that every event a rule matches has one of these exact values in one field, so the engine can index it.</summary>
internal sealed record MatchKey(string Field, IReadOnlyList<string> Values)
{
    /// <summary>Fields are the event properties an index can be built on, with their accessors.</summary>
    public static readonly IReadOnlyDictionary<string, Func<Event, string?>> Fields = new Dictionary<string, Func<Event, string?>>
    {
        ["Metric"] = static e => e.Metric,
        ["Service"] = static e => e.Service,
        ["Environment"] = static e => e.Environment,
        ["Severity"] = static e => e.Severity,
    };
}
