using RuleHost.Engine.Sandbox;
using RuleHost.Sandbox;

namespace RuleHost.Engine.Evaluation;

// RuleEngine.Watchdog is what the evaluation watchdog reads and does: progress, ownership of the engine, quarantine of a stuck rule.
internal sealed partial class RuleEngine
{
    // Watched by EvaluationWatchdog from another thread: whether rule code is running, which rule, and a progress count.
    private RuleEvaluator[] _running = [];
    private int _runningIndex;
    private int _busy;
    private long _progress;
    private int _owner;

    /// <summary>Progress counts rule evaluations; the watchdog sees a stuck evaluation as no progress while busy.</summary>
    public long Progress => Volatile.Read(ref _progress);

    public bool Busy => Volatile.Read(ref _busy) != 0;

    /// <summary>RunningRule is the rule being evaluated now, as seen from another thread (best effort).</summary>
    public RuleEvaluator? RunningRule => Volatile.Read(ref _running) is { } rules && _runningIndex < rules.Length ? rules[_runningIndex] : null;

    /// <summary>TakeOwnership makes the calling thread the engine's only evaluator, with a fresh budget; an abandoned thread stops at its next engine step.</summary>
    public GuardBudget TakeOwnership()
    {
        var previous = _budget;
        _owner = Environment.CurrentManagedThreadId;
        _budget = GuardBudgets.Evaluation();
        _busy = 0;
        return previous;
    }

    /// <summary>Budget is the evaluating thread's current allowance (the watchdog cancels it).</summary>
    public GuardBudget Budget => _budget;

    /// <summary>QuarantineNow disables a rule at once, as when the watchdog had to abandon its evaluation.</summary>
    public void QuarantineNow(RuleEvaluator rule, string reason)
    {
        if (!_byName.TryGetValue(rule.Spec.Name, out var current) || !ReferenceEquals(current, rule))
            return;
        rule.Fault(new RuleBudgetExceededException(reason));
        Quarantine(rule);
    }

    /// <summary>EnsureOwner stops a thread the watchdog abandoned from touching the engine once its library call returns.</summary>
    private void EnsureOwner()
    {
        if (_owner != 0 && _owner != Environment.CurrentManagedThreadId)
            throw new EvaluationAbandonedException();
    }
}
