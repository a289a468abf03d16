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

    public override void AdoptFrom(RuleEvaluator previous)
    {
        base.AdoptFrom(previous);
        if (previous.Spec.Window == Spec.Window)
            return;
        foreach (var track in Tracks.Values)
            ((WindowTrack)track).Window = null; // a different window length starts its counts afresh
    }

    public override void Sweep(DateTimeOffset now, TimeSpan idle) => base.Sweep(now, idle > Spec.Window ? idle : Spec.Window);
}
