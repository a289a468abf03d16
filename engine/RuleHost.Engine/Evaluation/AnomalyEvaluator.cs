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
        var condition = window.Count >= Spec.MinEvents && IsAnomalous(window, value);
        if (!window.Add(e.Timestamp, condition, value))
            return;
        if (condition || track.IsActive)
            track.Value = value;
        Observe(track, e, condition);
    }

    private bool IsAnomalous(SlidingWindow baseline, double value)
    {
        var deviation = Math.Max(baseline.StandardDeviation, Math.Max(Math.Abs(baseline.Mean) * 1e-3, 1e-9));
        var z = (value - baseline.Mean) / deviation;
        return (Spec.Above is { } above && z > above) || (Spec.Below is { } below && z < -below);
    }
}
