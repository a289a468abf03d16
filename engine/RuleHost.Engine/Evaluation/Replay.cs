using RuleHost.Engine.Alerts;
using RuleHost.Engine.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>Replay runs a rule set over recorded events on a virtual clock driven by event time, heartbeats included.</summary>
/// <remarks>
/// The clock never goes back: an event older than the clock is evaluated at the clock's time for host-clock
/// rules (event-time rules still see its own timestamp). Timers tick every second of event time; across a gap
/// longer than an hour they tick 3,600 times evenly, so a heartbeat there fires within gap/3,600 of its time.
/// </remarks>
internal sealed class Replay : IAlertObserver
{
    private static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(1);
    private const int MaxTicksPerGap = 3600;

    private readonly RuleEngine _engine;
    private readonly VirtualClock _clock = new(DateTimeOffset.MinValue);
    private readonly List<AlertTransition> _transitions = [];
    private DateTimeOffset? _nextTick;

    public Replay(RuleSet rules)
    {
        _engine = new RuleEngine(_clock, this);
        _engine.Apply(rules);
    }

    /// <summary>Transitions are every notifiable change so far: alerts that fired and resolved.</summary>
    public IReadOnlyList<AlertTransition> Transitions => _transitions;

    public RuleEngine Engine => _engine;

    public void OnTransition(AlertTransition transition)
    {
        if (transition.IsNotifiable)
            _transitions.Add(transition);
    }

    public void Evaluate(Event e)
    {
        AdvanceTo(e.Timestamp);
        _engine.Evaluate(e);
    }

    /// <summary>AdvanceTo moves the clock forward to <paramref name="at"/>, running the timers on the way.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        if (_nextTick is null)
        {
            _clock.Now = at;
            _nextTick = at + TickEvery;
            return;
        }

        var step = at - _clock.Now > TickEvery * MaxTicksPerGap ? (at - _clock.Now) / MaxTicksPerGap : TickEvery;
        while (_nextTick <= at)
        {
            _clock.Now = _nextTick.Value;
            _engine.Tick();
            _nextTick = _clock.Now + step;
        }

        if (at > _clock.Now)
            _clock.Now = at;
    }
}
