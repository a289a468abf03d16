namespace RuleHost;

/// <summary>Severity orders alerts; the names follow PagerDuty's four levels.</summary>
public enum Severity
{
    Info = 0,
    Warning = 1,
    Error = 2,
    Critical = 3,
}
