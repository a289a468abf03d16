using RuleHost.Engine.Evaluation;

namespace RuleHost.Engine.Sandbox;

/// <summary>EvaluationWatchdog notices an evaluation stuck inside library code, where no guard ticks, and reports its rule once.</summary>
/// <remarks>
/// It samples the engine's progress counter: busy with no progress for <c>timeout</c> means one rule is stuck in a
/// single call (a pathological IndexOf, a giant Replace, a hash set of colliding keys). The owner then cancels the
/// budget, quarantines the rule and continues on a fresh thread; the stuck thread stops at its next guard or engine step.
/// </remarks>
internal sealed class EvaluationWatchdog : IDisposable
{
    private readonly RuleEngine _engine;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _period;
    private readonly Action<RuleEvaluator, TimeSpan> _stuck;
    private readonly ITimer _timer;
    private long _lastProgress = -1;
    private TimeSpan _stuckFor;
    private int _fired;

    public EvaluationWatchdog(RuleEngine engine, TimeSpan timeout, TimeProvider clock, Action<RuleEvaluator, TimeSpan> stuck)
    {
        _engine = engine;
        _timeout = timeout;
        _period = timeout / 5;
        _stuck = stuck;
        _timer = clock.CreateTimer(_ => Check(), null, _period, _period);
    }

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        var progress = _engine.Progress;
        if (!_engine.Busy || progress != _lastProgress)
        {
            _lastProgress = progress;
            _stuckFor = TimeSpan.Zero;
            return;
        }

        _stuckFor += _period;
        if (_stuckFor < _timeout || _engine.RunningRule is not { } rule || Interlocked.Exchange(ref _fired, 1) == 1)
            return;
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _stuck(rule, _stuckFor);
    }
}
