using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>AnomalyEvaluator runs an <c>Anomaly</c> rule: each value's z-score against the baseline of the window before it.</summary>
/// <remarks>
/// Every value joins the baseline after it is judged, so a lasting shift becomes the new normal (adaptive).
/// A flat baseline has no deviation; a floor of 0.1% of the mean (or 1e-9) keeps a jump off it measurable.
/// </remarks>
internal sealed class AnomalyEvaluator(RuleSpec spec, RuleEngine engine) : WindowEvaluator(spec, engine)
{
    public override void Evaluate(Event e)
    {
        if (e.Value is not { } value || !double.IsFinite(value))
            return;
        var track = Track(KeyOf(e));
        var window = WindowOf(track);
        if (!window.Slide(e.Timestamp))
            return; // older than the window
        var judged = window.Count >= Spec.MinEvents;
        var condition = judged && IsAnomalous(window, value);
        window.Add(e.Timestamp, condition, value);
        if (condition || track.IsActive)
            track.Value = value;
        ObserveWindow(track, e, judged, condition);
    }

    private bool IsAnomalous(SlidingWindow baseline, double value)
    {
        var deviation = Math.Max(baseline.StandardDeviation, Math.Max(Math.Abs(baseline.Mean) * 1e-3, 1e-9));
        var z = (value - baseline.Mean) / deviation;
        return (Spec.Above is { } above && z > above) || (Spec.Below is { } below && z < -below);
    }
}
