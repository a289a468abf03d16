using System.Diagnostics;

namespace RuleHost.Sandbox;

/// <summary>GuardBudget is one evaluation's allowance: operations, time and allocated bytes, spent by rule code on one thread.</summary>
internal sealed class GuardBudget(long maxOperations, TimeSpan maxTime, long maxAllocatedBytes)
{
    private const int Step = 1024;

    private long _operations;
    private long _deadline;
    private long _allocationLimit;

    // Counted down by RuleGuard on every tick; Check runs once per Step ticks.
    internal int Countdown;

    // The lowest stack address rule code may reach on the thread that last called RuleGuard.Use; 0 when unknown.
    internal nuint StackLimit;

    public bool IsSpent { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>Reset starts a fresh allowance for the next evaluation; it is a few field writes, cheap enough per rule call.</summary>
    /// <remarks>The clock and the allocation counter are read only from the first Check on, so short evaluations never pay for them.</remarks>
    public void Reset()
    {
        if (IsSpent)
        {
            IsSpent = false;
            Reason = null;
        }

        _operations = 0;
        _deadline = 0;
        Countdown = Step;
    }

    internal void Check()
    {
        if (IsSpent)
            throw new RuleBudgetExceededException(Reason!);
        if (_deadline == 0)
        {
            _deadline = Stopwatch.GetTimestamp() + (long)(maxTime.TotalSeconds * Stopwatch.Frequency);
            _allocationLimit = GC.GetAllocatedBytesForCurrentThread() + maxAllocatedBytes;
        }

        _operations += Step - Countdown;
        Countdown = Step;
        if (_operations > maxOperations)
            Abort($"ran more than {maxOperations:N0} loop iterations and calls");
        if (Stopwatch.GetTimestamp() > _deadline)
            Abort($"ran longer than {maxTime.TotalMilliseconds:N0} ms");
        if (GC.GetAllocatedBytesForCurrentThread() > _allocationLimit)
            Abort($"allocated more than {maxAllocatedBytes / (1024 * 1024):N0} MB");
    }

    /// <summary>Cancel spends the budget from another thread (the watchdog): the evaluating thread throws at its next tick.</summary>
    internal void Cancel(string reason)
    {
        Reason = reason;
        IsSpent = true;
        Countdown = -1;
    }

    internal void Abort(string reason)
    {
        IsSpent = true;
        Reason = reason;
        Countdown = -1; // every later tick lands in Check and throws again
        throw new RuleBudgetExceededException(reason);
    }
}
