namespace RuleHost.LoadTest.Compare;

/// <summary>RoundResult is one throughput round: notifications per second end to end, that time, how long the POSTs alone took, and the share of the machine other processes used meanwhile.</summary>
internal sealed record RoundResult(double PerSecond, TimeSpan Elapsed, TimeSpan Posted, double OtherLoad);
