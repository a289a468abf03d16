namespace RuleHost.Rules;

/// <summary>RuleKind names the five shapes a rule can take.</summary>
public enum RuleKind
{
    Threshold,
    Heartbeat,
    Rate,
    Composite,
    Anomaly,
}
