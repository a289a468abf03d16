using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>WindowEvaluator is the base of the rules judged over a sliding window per key (rate and anomaly).</summary>
internal abstract class WindowEvaluator(RuleSpec spec, RuleEngine engine) : ConditionEvaluator(spec, engine)
{
    protected override AlertTrack CreateTrack() => new WindowTrack();

    protected SlidingWindow WindowOf(AlertTrack track)
    {
        var windowed = (WindowTrack)track;
        return windowed.Window ??= new SlidingWindow(Spec.Window);
    }

    /// <summary>ObserveWindow records a verdict on the window; <paramref name="judged"/> tells whether it held MinEvents to judge by.</summary>
    protected void ObserveWindow(AlertTrack track, Event e, bool judged, bool condition, DateTimeOffset? at = null)
    {
        var windowed = (WindowTrack)track;
        if (windowed.Refilling && !judged)
        {
            track.LastMatchedHost = Engine.Clock.GetUtcNow();
            return; // a window restarted by an edit knows too little yet to resolve the alert it inherited
        }

        windowed.Refilling = false;
        Observe(track, e, condition, at ?? e.Timestamp);
    }

    public override void AdoptFrom(RuleEvaluator previous)
    {
        base.AdoptFrom(previous);
        if (previous.Spec.Window == Spec.Window)
            return;
        foreach (var track in Tracks.Values.Cast<WindowTrack>())
        {
            track.Window = null; // a different window length starts its counts afresh
            track.Refilling = track.IsActive;
        }
    }

    public override void Sweep(DateTimeOffset now, TimeSpan idle) => base.Sweep(now, idle > Spec.Window ? idle : Spec.Window);
}
