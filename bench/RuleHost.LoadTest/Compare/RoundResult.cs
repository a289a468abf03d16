namespace RuleHost.LoadTest.Compare;

/// <summary>RoundResult is one throughput round: notifications per second end to end, that time, how long the POSTs alone took, the
/// system's own CPU time per notification (all its threads, first POST → last arrival), and the share of the machine other processes used meanwhile.</summary>
/// <remarks>CPU time per notification hardly depends on how busy the rest of the machine is, unlike notifications per second.</remarks>
internal sealed record RoundResult(double PerSecond, TimeSpan Elapsed, TimeSpan Posted, double CpuMicroseconds, double OtherLoad);
