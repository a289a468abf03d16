namespace RuleHost.Engine.Evaluation;

/// <summary>WindowTrack is an alert track that also keeps a sliding window of its key's events.</summary>
internal sealed class WindowTrack : AlertTrack
{
    public SlidingWindow? Window { get; set; }

    /// <summary>Refilling tells that an edit restarted the window of an active alert and it has not yet held MinEvents.</summary>
    public bool Refilling { get; set; }

    public override TrackState Save(RuleIdentity rule) => base.Save(rule) with { Window = Window?.Export(), Refilling = Refilling };

    public override void Load(TrackState saved, RuleHost.Rules.RuleSpec spec)
    {
        base.Load(saved, spec);
        Window = saved.Window is { } w ? SlidingWindow.Import(w, spec.Window) : null;
        Refilling = saved.Refilling || (saved.Window is not null && Window is null && IsActive); // the window's length was edited meanwhile
    }
}
