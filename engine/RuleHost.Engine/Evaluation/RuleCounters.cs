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
}
