using RuleHost.Rules;

namespace RuleHost.Engine.Evaluation;

/// <summary>HeartbeatEvaluator runs a <c>Heartbeat</c> rule: a key quiet for MissingFor (host clock) fires; its next event resolves.</summary>
internal sealed class HeartbeatEvaluator(RuleSpec spec, RuleEngine engine) : RuleEvaluator(spec, engine)
{
    public override bool NeedsTick => true;

    protected override AlertTrack CreateTrack() => new HeartbeatTrack();

    public override void Evaluate(Event e)
    {
        var track = (HeartbeatTrack)Track(KeyOf(e));
        var now = Engine.Clock.GetUtcNow();
        track.LastMatchedHost = now;
        track.LastEvent = e;
        if (track.IsActive)
            Resolve(track, now, e);
    }

    public override void Tick(DateTimeOffset now)
    {
        foreach (var track in Tracks.Values)
        {
            if (track.IsActive || now - track.LastMatchedHost < Spec.MissingFor)
                continue;
            track.Value = (now - track.LastMatchedHost).TotalSeconds;
            Fire(track, track.LastMatchedHost + Spec.MissingFor, now, ((HeartbeatTrack)track).LastEvent);
        }
    }

    /// <summary>ResolveByHand also restarts the key's quiet clock, or the next tick would raise the alert again at once.</summary>
    public override bool ResolveByHand(AlertTrack track, string by, string? comment)
    {
        var resolved = base.ResolveByHand(track, by, comment);
        if (resolved)
            track.LastMatchedHost = Engine.Clock.GetUtcNow();
        return resolved;
    }

    // A heartbeat's memory of a key is its state: quiet keys are exactly what it watches.
    public override void Sweep(DateTimeOffset now, TimeSpan idle)
    {
    }
}
