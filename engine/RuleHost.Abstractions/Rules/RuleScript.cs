using System.Runtime.CompilerServices;

namespace RuleHost.Rules;

/// <summary>RuleScript is what a rule file sees: its top-level calls register rules and routes.</summary>
public class RuleScript
{
    internal List<RuleSpec> Rules { get; } = [];

    internal List<RouteSpec> Routes { get; } = [];

    /// <summary>Rule registers a threshold rule: Match, When, For.</summary>
    public ThresholdRule Rule(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(Add(name, RuleKind.Threshold, file, line));

    /// <summary>Heartbeat registers a rule that fires when a key stops sending events.</summary>
    public HeartbeatRule Heartbeat(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(Add(name, RuleKind.Heartbeat, file, line));

    /// <summary>Rate registers a rule over the ratio of counted to matched events in a sliding window.</summary>
    public RateRule Rate(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(Add(name, RuleKind.Rate, file, line));

    /// <summary>Composite registers a rule over other rules' alerts with the same key.</summary>
    public CompositeRule Composite(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(Add(name, RuleKind.Composite, file, line));

    /// <summary>Anomaly registers a rule over a value's distance from its adaptive baseline.</summary>
    public AnomalyRule Anomaly(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        new(Add(name, RuleKind.Anomaly, file, line));

    /// <summary>Route sends alerts of rules without NotifyTo to these targets; the first route that accepts an alert wins.</summary>
    public void Route(Func<Alert, bool> when, params string[] targets) =>
        Routes.Add(new RouteSpec(when, targets, "", 0));

    private RuleSpec Add(string name, RuleKind kind, string file, int line)
    {
        var spec = new RuleSpec(name ?? "", kind, file, line);
        if (string.IsNullOrWhiteSpace(name))
            spec.Problem("RH0101", "a rule needs a name", line);
        Rules.Add(spec);
        return spec;
    }
}
