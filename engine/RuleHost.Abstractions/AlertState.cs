namespace RuleHost;

/// <summary>AlertState is where an alert is in its lifecycle.</summary>
public enum AlertState
{
    Pending,
    Firing,
    Acknowledged,
    Resolved,
}
