using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>ConditionEvaluator is the lifecycle shared by threshold, rate and anomaly rules: a condition per event, held For a time.</summary>
/// <remarks>
/// For is measured in event time and tolerates events arriving out of order: a late true event can start the
/// streak earlier, a late false event older than the newest true one cannot end it.
/// </remarks>
internal abstract class ConditionEvaluator(RuleSpec spec, RuleEngine engine) : RuleEvaluator(spec, engine)
{
    protected void Observe(AlertTrack track, Event e, bool condition)
    {
        track.LastMatchedHost = Engine.Clock.GetUtcNow();
        if (condition)
            Holds(track, e);
        else
            Fails(track, e);
    }

    private void Holds(AlertTrack track, Event e)
    {
        var t = e.Timestamp;
        if (t <= track.LastFalseAt)
            return; // older than a newer event that failed: it cannot revive the alert
        track.ClearingSince = null;
        track.ClearingSinceHost = null;
        track.Since = track.Since is { } since && since <= t ? since : t;
        if (t > track.LastTrueAt)
            track.LastTrueAt = t;

        var held = track.LastTrueAt - track.Since.Value >= Spec.For;
        if (track.State is null && !held)
            Pend(track, track.Since.Value, e);
        else if (track.State is null or AlertState.Pending && held)
            Fire(track, track.Since.Value, track.Since.Value + Spec.For, e);
    }

    private void Fails(AlertTrack track, Event e)
    {
        var t = e.Timestamp;
        if (track.Since is { } since && t < since)
            return; // older than the current streak
        if (t <= track.LastTrueAt)
        {
            // A late failure inside the streak: the streak can only count from the newest success we know.
            if (track.State == AlertState.Pending)
                track.Since = track.LastTrueAt;
            return;
        }

        if (t > track.LastFalseAt)
            track.LastFalseAt = t;
        track.Since = null;
        if (track.State == AlertState.Pending)
            Resolve(track, t, e);
        else if (track.IsFiring && MayResolve(track, e))
            Resolve(track, t, e);
    }

    private bool MayResolve(AlertTrack track, Event e)
    {
        if (Spec.ResolveWhen is { } resolveWhen && !resolveWhen(e))
            return false; // hysteresis: between the fire and the resolve condition the alert keeps firing
        if (Spec.KeepFiringFor <= TimeSpan.Zero)
            return true;
        track.ClearingSince ??= e.Timestamp;
        track.ClearingSinceHost ??= Engine.Clock.GetUtcNow();
        return e.Timestamp - track.ClearingSince.Value >= Spec.KeepFiringFor;
    }
}
