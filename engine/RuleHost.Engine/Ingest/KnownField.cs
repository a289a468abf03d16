namespace RuleHost.Engine.Ingest;

/// <summary>KnownField names the event fields of the contract that map to <see cref="Event"/> properties.</summary>
internal enum KnownField
{
    None,
    Id,
    Timestamp,
    Service,
    Environment,
    Metric,
    Value,
    Severity,
    Message,
    Tags,
}
