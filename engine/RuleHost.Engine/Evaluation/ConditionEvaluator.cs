using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>ConditionEvaluator is the lifecycle shared by threshold, rate and anomaly rules: a condition per event, held For a time.</summary>
/// <remarks>
/// For is measured in event time and tolerates events arriving out of order: a late true event can start the
/// streak earlier, a late false event older than the newest true one cannot end it. Neither can reach across a
/// failure known to be newer. Observations at the same instant count in the order they arrive.
/// </remarks>
internal abstract class ConditionEvaluator(RuleSpec spec, RuleEngine engine) : RuleEvaluator(spec, engine)
{
    protected void Observe(AlertTrack track, Event e, bool condition) => Observe(track, e, condition, e.Timestamp);

    /// <summary>Observe records the condition as it stood at <paramref name="at"/>, in event time.</summary>
    protected void Observe(AlertTrack track, Event e, bool condition, DateTimeOffset at)
    {
        track.LastMatchedHost = Engine.Clock.GetUtcNow();
        if (condition)
            Holds(track, e, at);
        else
            Fails(track, e, at);
    }

    private void Holds(AlertTrack track, Event e, DateTimeOffset t)
    {
        if (t < track.LastFalseAt)
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

    private void Fails(AlertTrack track, Event e, DateTimeOffset t)
    {
        if (t > track.LastFalseAt)
            track.LastFalseAt = t; // even a late failure bounds how far back a later-arriving success can reach
        if (track.Since is { } since && t < since)
            return; // older than the current streak
        if (t < track.LastTrueAt)
        {
            // A late failure inside the streak: the streak can only count from the newest success we know.
            if (track.State == AlertState.Pending)
                track.Since = track.LastTrueAt;
            return;
        }

        track.Since = null;
        if (track.State == AlertState.Pending)
            Resolve(track, t, e);
        else if (track.IsFiring && MayResolve(track, e, t))
            Resolve(track, t, e);
    }

    private bool MayResolve(AlertTrack track, Event e, DateTimeOffset t)
    {
        if (Spec.ResolveWhen is { } resolveWhen && !resolveWhen(e))
            return false; // hysteresis: between the fire and the resolve condition the alert keeps firing
        if (Spec.KeepFiringFor <= TimeSpan.Zero)
            return true;
        track.ClearingSince ??= t;
        track.ClearingSinceHost ??= Engine.Clock.GetUtcNow();
        return t - track.ClearingSince.Value >= Spec.KeepFiringFor;
    }
}
