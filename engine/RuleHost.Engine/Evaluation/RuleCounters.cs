namespace RuleHost.Engine.Evaluation;

/// <summary>RuleCounters count what one rule did; they survive edits of the rule (same name) so totals stay whole.</summary>
internal sealed class RuleCounters
{
    // Written only by the evaluation thread; readers accept a slightly stale value.
    public long Matched;
    public long Faults;
    public int ConsecutiveFaults;
    public string? LastError;
    public DateTimeOffset? LastErrorAt;

    /// <summary>SampleEvery: one matched evaluation in this many (a power of two) is timed, which keeps timing off the hot path.</summary>
    public const int SampleEvery = 16;

    /// <summary>SampledTicks is the Stopwatch time spent in the timed evaluations.</summary>
    public long SampledTicks;
}
