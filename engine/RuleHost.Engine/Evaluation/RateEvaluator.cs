using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>RateEvaluator runs a <c>Rate</c> rule: the ratio of counted to matched events over a sliding window.</summary>
internal sealed class RateEvaluator(RuleSpec spec, RuleEngine engine) : WindowEvaluator(spec, engine)
{
    private readonly Func<Event, bool> _count = spec.Count!;
    private readonly double _above = spec.Above ?? 1;

    public override void Evaluate(Event e)
    {
        var track = Track(KeyOf(e));
        var window = WindowOf(track);
        if (!window.Add(e.Timestamp, _count(e)))
            return; // older than the window
        var ratio = (double)window.Hits / window.Count;
        var judged = window.Count >= Spec.MinEvents;
        var condition = judged && ratio > _above;
        if (condition || track.IsActive)
            track.Value = ratio;
        ObserveWindow(track, e, judged, condition, at: window.Newest); // the ratio describes the window as of its newest event
    }
}
