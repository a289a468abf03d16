namespace RuleHost.LoadTest.Compare;

/// <summary>RoundResult is one throughput round: notifications per second end to end, that time, and how long the POSTs alone took.</summary>
internal sealed record RoundResult(double PerSecond, TimeSpan Elapsed, TimeSpan Posted);
